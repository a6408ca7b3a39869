"""What each role sees: `views.snapshot` per role, anonymity, my_votes and my_questions."""

from __future__ import annotations

import msgspec
import pytest

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core.clock import rfc3339

from .sessionkit import ANA, BEN, HOST, T0, Session


class SeededSession(Session):
    """Ana: a pending, a withdrawn, an anonymous open question; Ben: pending, open, dismissed."""

    def __init__(self) -> None:
        super().__init__(p.Settings(moderation=True))
        self.ana_pending = self.ask(ANA, "ana pending")
        self.ana_withdrawn = self.ask(ANA, "ana withdrawn")
        self.ok(ANA, p.Withdraw(question_id=self.ana_withdrawn))
        self.ana_anonymous = self.ask(ANA, "ana anonymous", anonymous=True)
        self.ok(HOST, p.Approve(question_id=self.ana_anonymous))
        self.ben_pending = self.ask(BEN, "ben pending")
        self.ben_open = self.ask(BEN, "ben open")
        self.ok(HOST, p.Approve(question_id=self.ben_open))
        self.ben_dismissed = self.ask(BEN, "ben dismissed")
        self.ok(HOST, p.Dismiss(question_id=self.ben_dismissed))
        self.ok(ANA, p.Vote(question_id=self.ben_open))
        self.ok(ANA, p.Vote(question_id=self.ana_anonymous))
        self.ok(BEN, p.Vote(question_id=self.ana_anonymous))
        self.ok(HOST, p.NoteRequest(text="ask about night shifts", question_id=self.ben_open))


@pytest.fixture
def session() -> SeededSession:
    return SeededSession()


def _snapshot(session: Session, who: str | None, role: str) -> p.Snapshot:
    return views.snapshot(session.state, who, role, session.now, participants=2)


def test_participant_sees_public_questions_and_its_own(session: SeededSession) -> None:
    ana = _snapshot(session, ANA.id, "participant")
    assert [q.id for q in ana.questions] == [
        session.ana_anonymous,  # open, 2 votes
        session.ben_open,  # open, 1 vote
        session.ana_pending,
        session.ana_withdrawn,
    ]
    ben = _snapshot(session, BEN.id, "participant")
    assert [q.id for q in ben.questions] == [
        session.ana_anonymous,
        session.ben_open,
        session.ben_pending,
        session.ben_dismissed,
    ]


def test_viewer_sees_public_questions_only(session: SeededSession) -> None:
    viewer = _snapshot(session, None, "viewer")
    assert [q.id for q in viewer.questions] == [session.ana_anonymous, session.ben_open]
    assert (viewer.my_votes, viewer.my_questions, viewer.notes) == ([], [], [])


def test_host_sees_everything_and_the_notes(session: SeededSession) -> None:
    host = _snapshot(session, HOST.id, "host")
    assert {q.id for q in host.questions} == set(session.state.questions)
    assert [(n.id, n.question_id, n.text) for n in host.notes] == [
        (1, session.ben_open, "ask about night shifts")
    ]
    for who in (ANA.id, BEN.id):
        assert _snapshot(session, who, "participant").notes == []


@pytest.mark.parametrize(
    ("who", "role"),
    [(HOST.id, "host"), (ANA.id, "participant"), (BEN.id, "participant"), (None, "viewer")],
)
def test_anonymous_author_is_null_for_everyone(
    session: Session, who: str | None, role: str
) -> None:
    snapshot = _snapshot(session, who, role)
    authors = {q.id: q.author for q in snapshot.questions}
    assert authors[session.ana_anonymous] is None
    assert authors[session.ben_open] == "Ben"
    # identity ids never go on the wire in a snapshot, and nothing names the anonymous author
    wire = p.encode(snapshot).decode()
    for identity_id in session.state.identities:
        assert identity_id not in wire
    if who in (BEN.id, None):  # they see none of Ana's named questions
        assert "Ana" not in wire


def test_my_votes_and_my_questions(session: SeededSession) -> None:
    ana = _snapshot(session, ANA.id, "participant")
    assert sorted(ana.my_votes) == sorted([session.ben_open, session.ana_anonymous])
    assert sorted(ana.my_questions) == sorted(
        [session.ana_pending, session.ana_withdrawn, session.ana_anonymous]
    )
    ben = _snapshot(session, BEN.id, "participant")
    assert ben.my_votes == [session.ana_anonymous]
    assert sorted(ben.my_questions) == sorted(
        [session.ben_pending, session.ben_open, session.ben_dismissed]
    )
    session.ok(HOST, p.Vote(question_id=session.ben_open))
    host = _snapshot(session, HOST.id, "host")
    assert (host.my_votes, host.my_questions) == ([session.ben_open], [])


def test_question_fields(session: SeededSession) -> None:
    session.advance(2_500)
    session.ok(HOST, p.MarkAnswered(question_id=session.ben_open))
    ben = _snapshot(session, BEN.id, "participant")
    (answered,) = [q for q in ben.questions if q.id == session.ben_open]
    assert answered == p.Question(
        id=session.ben_open,
        text="ben open",
        author="Ben",
        votes=1,
        status="answered",
        asked_at=rfc3339(T0),
        panelist_id=None,
        answered_at=rfc3339(T0 + 2_500),
    )


def test_session_panel_stage_and_timer() -> None:
    session = Session()
    rivera = session.add_panelist("Dr. Rivera", "EM, PGY-2")
    gone = session.add_panelist("Dr. Gone")
    session.ok(HOST, p.PanelistRemove(panelist_id=gone))
    question_id = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question_id, panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="start", seconds=60))
    session.advance(15_000)
    snapshot = views.snapshot(session.state, ANA.id, "participant", session.now, participants=7)
    assert snapshot.session == p.SessionInfo(
        id="2025-11-24-test", title="Test panel", status="live", started_at=rfc3339(T0)
    )
    assert snapshot.settings == p.Settings()
    assert snapshot.panelists == [
        p.Panelist(id=rivera, name="Dr. Rivera", title="EM, PGY-2", spoken_ms=15_000, answers=1)
    ]
    assert snapshot.now == p.Now(question_id=question_id, panelist_id=rivera)
    assert snapshot.timer == p.Timer(
        state="running", panelist_id=rivera, duration_ms=60_000, remaining_ms=45_000
    )
    assert snapshot.participants == 7
    session.ok(HOST, p.End())
    ended = views.snapshot(session.state, ANA.id, "participant", session.now, participants=0)
    assert (ended.session.status, ended.session.ended_at) == ("ended", rfc3339(T0 + 15_000))
    assert ended.timer.state == "paused"


def test_snapshot_round_trips_through_the_wire(session: SeededSession) -> None:
    for who, role in ((HOST.id, "host"), (ANA.id, "participant"), (None, "viewer")):
        snapshot = _snapshot(session, who, role)
        assert msgspec.json.decode(p.encode(snapshot), type=p.Snapshot) == snapshot
