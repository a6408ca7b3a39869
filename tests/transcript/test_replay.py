"""Property tests: any request sequence -> events -> transcript -> file -> replay = live state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.core import Actor, fold
from panelhost.core import events as ev
from panelhost.transcript import (
    build_transcript,
    encode_transcript,
    index_at_seq,
    load_transcript,
    replay_state,
    save_transcript,
    transcript_events,
)

from .transcript_driver import DrivenSession, host_view

TEXTS = st.sampled_from(
    ["How did you choose?", "[bold]x[/] <b>y</b>", "  spaced \n out ", "", "é" * 10, "x" * 400]
)
QUESTION_IDS = st.integers(1, 6)
PANELIST_IDS = st.none() | st.integers(1, 3)
REQUESTS = st.one_of(
    st.builds(p.Ask, text=TEXTS, anonymous=st.booleans(), nonce=st.none() | st.just("n1")),
    st.builds(p.Vote, question_id=QUESTION_IDS),
    st.builds(p.Vote, question_id=QUESTION_IDS),
    st.builds(p.Unvote, question_id=QUESTION_IDS),
    st.builds(p.Withdraw, question_id=QUESTION_IDS),
    st.builds(p.Approve, question_id=QUESTION_IDS),
    st.builds(p.Dismiss, question_id=QUESTION_IDS),
    st.builds(p.Restore, question_id=QUESTION_IDS),
    st.builds(p.Edit, question_id=QUESTION_IDS, text=TEXTS),
    st.builds(p.SetNow, question_id=st.none() | QUESTION_IDS, panelist_id=PANELIST_IDS),
    st.builds(p.MarkAnswered, question_id=QUESTION_IDS),
    st.builds(p.Reopen, question_id=QUESTION_IDS),
    st.builds(
        p.TimerRequest,
        action=st.sampled_from(["start", "pause", "resume", "reset", "add"]),
        seconds=st.none() | st.integers(-60, 300),
        panelist_id=PANELIST_IDS,
    ),
    st.builds(p.PanelistAdd, name=st.sampled_from(["Dr. Rivera", "Dr. Chen"]), title=st.none()),
    st.builds(p.PanelistRemove, panelist_id=st.integers(1, 3)),
    st.builds(p.NoteRequest, text=TEXTS, question_id=st.none() | QUESTION_IDS),
    st.builds(
        p.SettingsRequest,
        title=st.none() | TEXTS,
        moderation=st.none() | st.booleans(),
        anonymous_allowed=st.none() | st.booleans(),
    ),
    st.just(p.End()),
)


@dataclass(frozen=True)
class Step:
    advance_ms: int
    actor: int
    """0 is the host; 1.. are participants; one past the last joins a new participant."""
    request: p.Request


STEPS = st.lists(st.builds(Step, st.integers(0, 90_000), st.integers(0, 4), REQUESTS), max_size=45)


def drive(steps: list[Step]) -> DrivenSession:
    """Run the steps through the real core; new participants join along the way."""
    session = DrivenSession()
    session.ok(session.host, p.PanelistAdd(name="Dr. Osei", title="FM"))
    actors: list[Actor] = [session.host]
    for step in steps:
        if step.actor >= len(actors):
            number = len(actors)
            actors.append(session.join(f"ident-{number:03d}", "participant", f"Student {number}"))
        session.request(actors[min(step.actor, len(actors) - 1)], step.request, step.advance_ms)
    return session


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_file_round_trip_folds_to_the_live_state(steps: list[Step], tmp_path: Path) -> None:
    session = drive(steps)
    transcript = build_transcript(session.events)
    path = tmp_path / "t.json"
    save_transcript(transcript, path)
    loaded = load_transcript(path)

    assert loaded == transcript
    assert encode_transcript(loaded) == path.read_bytes()
    replayed = fold(transcript_events(loaded))
    assert host_view(replayed, session.now) == session.host_view()
    data = path.read_text()
    for secret in session.secrets:
        assert secret not in data


@settings(max_examples=40, deadline=None)
@given(steps=STEPS)
def test_replay_at_every_event_equals_the_live_state_at_that_seq(steps: list[Step]) -> None:
    session = drive(steps)
    live_views = {}
    live = type(session.state)()
    for event in session.events:
        live = fold([event], live)
        live_views[event.seq] = host_view(live, event.at)

    transcript = build_transcript(session.events)
    for index, event in enumerate(transcript.events):
        replayed = replay_state(transcript, index + 1)
        assert host_view(replayed, event.at) == live_views[event.seq], (index, event)
        assert index_at_seq(transcript, event.seq) == index + 1
    # between two kept events (an identity joined), the state is the earlier event's
    for event in session.events:
        if isinstance(event, ev.IdentityCreated):
            count = index_at_seq(transcript, event.seq)
            assert host_view(replay_state(transcript, count), event.at) == live_views[event.seq]
