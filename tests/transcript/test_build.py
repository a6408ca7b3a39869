"""Building a transcript from journaled events: summary records and sanitizing."""

from __future__ import annotations

import re
from pathlib import Path

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core import fold
from panelhost.journal import read_journal
from panelhost.transcript import build_transcript, encode_transcript, transcript_events

from .transcript_driver import JOIN_CODE, DrivenSession, host_view, small_session


def test_summary_of_a_small_session(tmp_path: Path) -> None:
    session = small_session()
    journal = session.write_journal(tmp_path)
    transcript = build_transcript(read_journal(journal).events)

    assert transcript.format == "panelhost-transcript"
    assert transcript.version == "1.3"
    meta = transcript.session
    assert (meta.id, meta.title) == ("20251124-alumni", "EM alumni panel")
    assert meta.started_at == session.events[0].at
    assert meta.ended_at == session.state.ended_at == session.now
    assert meta.duration_ms == meta.ended_at - meta.started_at
    assert meta.participants == 2
    assert [(x.name, x.answers, x.removed) for x in transcript.panelists] == [
        ("Dr. Rivera", 1, False),
        ("Dr. Chen", 1, False),
    ]
    assert [x.spoken_ms for x in transcript.panelists] == [91_000, 61_000]

    q1, q2, q3 = transcript.questions
    assert (q1.author, q2.author, q3.author) == ("Ana", None, "Ben")
    assert (q1.status, q2.status, q3.status) == ("answered", "answered", "open")
    assert (q1.votes, q2.votes, q3.votes) == (0, 2, 1)
    assert (q1.answered_by, q2.answered_by, q3.answered_by) == ([1], [2], [])
    assert (q1.spoken_ms, q2.spoken_ms) == (91_000, 61_000)
    assert [c.status for c in q1.history] == ["open", "answering", "answered"]
    assert [c.status for c in q2.history] == ["open", "answering", "answered"]
    # q1 became answered when q2 took the stage: that set_now is the change's event
    set_now_q2 = next(e for e in session.events if isinstance(e, ev.NowSet) and e.question_id == 2)
    assert (q1.history[-1].seq, q1.history[-1].at) == (set_now_q2.seq, set_now_q2.at)

    assert [(n.question_id, n.text) for n in transcript.notes] == [
        (1, "Shadowed in the ED as an undergrad"),
        (2, "Protect your days off"),
        (None, "Slides will be shared by email"),
    ]
    assert [(s.panelist_id, s.question_id, s.end is not None) for s in transcript.segments] == [
        (1, 1, True),
        (2, 2, True),
    ]


def test_no_secret_or_identity_reaches_the_transcript() -> None:
    session = small_session()
    transcript = build_transcript(session.events)
    data = encode_transcript(transcript).decode()

    for secret in session.secrets:
        assert secret not in data, secret
    for nonce in ("nonce-ana-1", "nb-1", "nonce-ben-2"):
        assert nonce not in data
    assert JOIN_CODE not in data
    assert "identity_created" not in data
    assert not any(isinstance(e, ev.IdentityCreated) for e in transcript.events)
    created = transcript.events[0]
    assert isinstance(created, ev.SessionCreated)
    assert (created.code, created.key_hash) == (None, None)
    for event in transcript.events:
        if isinstance(event, ev.QuestionAsked):
            assert (event.author_id, event.nonce) == (None, None)
    # participants appear only by display name, and an anonymous question by none
    assert '"Ana"' in data and '"Ben"' in data
    anonymous = next(
        e for e in transcript.events if isinstance(e, ev.QuestionAsked) and e.question_id == 2
    )
    assert anonymous.author_name is None


def test_voters_become_opaque_aliases_by_first_appearance() -> None:
    session = small_session()
    transcript = build_transcript(session.events)
    live_voters = [e.voter_id for e in session.events if isinstance(e, ev.VoteAdded)]
    aliases = [e.voter_id for e in transcript.events if isinstance(e, ev.VoteAdded)]
    assert live_voters == ["ident-ana-7f3a", "ident-ben-91c2", "ident-ana-7f3a"]
    assert aliases == ["v1", "v2", "v1"]
    assert all(re.fullmatch(r"v\d+", alias) for alias in aliases)


def test_seq_numbers_are_kept_with_gaps_where_identities_were() -> None:
    session = small_session()
    transcript = build_transcript(session.events)
    kept = [e.seq for e in session.events if not isinstance(e, ev.IdentityCreated)]
    assert [e.seq for e in transcript.events] == kept
    assert kept != list(range(1, len(kept) + 1))  # there are gaps


def test_transcript_events_fold_to_the_live_state() -> None:
    session = small_session()
    replayed = fold(transcript_events(build_transcript(session.events)))
    assert host_view(replayed, session.now) == session.host_view()
    assert replayed.seq == session.state.seq


def test_a_session_that_never_ended_has_no_end_and_an_open_segment() -> None:
    session = DrivenSession()
    ana = session.join("ident-ana", "participant", "Ana")
    session.ok(session.host, p.PanelistAdd(name="Dr. Osei"))
    question = session.ok(ana, p.Ask(text="What about nights?"))
    session.ok(session.host, p.SetNow(question_id=question, panelist_id=1), 5_000)
    session.tick(40_000)
    session.ok(ana, p.Vote(question_id=question))

    transcript = build_transcript(session.events)
    meta = transcript.session
    assert meta.ended_at is None
    assert meta.last_event_at == session.now
    assert meta.duration_ms == session.now - meta.started_at
    assert transcript.questions[0].status == "answering"
    assert [s.end for s in transcript.segments] == [None]
