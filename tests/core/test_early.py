"""A session open for questions before its panel: ask and vote now, the stage waits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core.fold import fold

from .sessionkit import ANA, BEN, HOST, Session


def early_session() -> Session:
    session = Session(opens_early=True)
    session.ok(HOST, p.PanelistAdd(name="Dr. Rivera"))
    return session


def test_an_early_session_takes_questions_and_votes_and_says_its_status() -> None:
    session = early_session()
    asked = session.ok(ANA, p.Ask(text="Night shift: how do you study?"))
    session.ok(BEN, p.Vote(question_id=asked.id or 0))
    snapshot = views.snapshot(session.state, BEN.id, "participant", session.now, 2)
    assert snapshot.session.status == "open_for_questions"
    (question,) = snapshot.questions
    assert (question.votes, question.asked_early, question.status) == (1, True, "open")


def test_nothing_goes_on_stage_and_no_timer_runs_before_the_panel() -> None:
    session = early_session()
    asked = session.ok(ANA, p.Ask(text="Q?")).id or 0
    for request in (
        p.SetNow(question_id=asked, panelist_id=1),
        p.SetNow(question_id=None),
        p.TimerRequest(action="start", seconds=60),
        p.MarkAnswered(question_id=asked),
    ):
        refused = session.refused(HOST, request, "invalid_state")
        assert "go live first" in refused.message
    # the rest of a host's work goes on: moderation, notes, the panel, the title
    session.ok(HOST, p.NoteRequest(text="ask Rivera about nights"))
    session.ok(HOST, p.SettingsRequest(title="EM night"))


def test_go_live_starts_the_panel_and_questions_keep_their_mark() -> None:
    session = early_session()
    early = session.ok(ANA, p.Ask(text="Before?")).id or 0
    session.refused(ANA, p.GoLive(), "forbidden")
    session.advance(3_600_000)
    session.ok(HOST, p.GoLive())
    assert session.state.status == "live"
    assert session.state.started_at == session.now  # the panel's start
    assert session.state.opened_at == session.events[0].at
    later = session.ok(BEN, p.Ask(text="During?")).id or 0
    session.ok(HOST, p.SetNow(question_id=early, panelist_id=1))
    marks = {q.id: q.asked_early for q in session.state.questions.values()}
    assert marks == {early: True, later: False}
    assert "already" in session.refused(HOST, p.GoLive(), "invalid_state").message
    assert fold(session.events).questions == session.state.questions


def test_a_session_that_never_opened_early_cannot_go_live_again() -> None:
    session = Session()
    assert session.state.status == "live"
    session.refused(HOST, p.GoLive(), "invalid_state")


@given(st.lists(st.sampled_from(["ask", "vote", "stage", "live"]), max_size=20))
def test_the_stage_stays_empty_until_go_live(steps: list[str]) -> None:
    session = early_session()
    for step in steps:
        if step == "ask":
            session.send(ANA, p.Ask(text=f"q{len(session.events)}"))
        elif step == "vote" and session.state.questions:
            session.send(BEN, p.Vote(question_id=max(session.state.questions)))
        elif step == "stage" and session.state.questions:
            session.send(HOST, p.SetNow(question_id=max(session.state.questions), panelist_id=1))
        elif step == "live":
            session.send(HOST, p.GoLive())
        if session.state.status == "open_for_questions":
            assert session.state.now_question_id is None
            assert session.state.timer.state == "idle"
            assert all(q.asked_early for q in session.state.questions.values())
