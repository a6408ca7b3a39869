"""The stage and the timer move together (PROTOCOL.md revision 2), as `decide` decides it."""

from __future__ import annotations

import pytest

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core import views
from panelhost.core.rules import Accepted

from .sessionkit import ANA, BEN, HOST, Session


@pytest.fixture
def session() -> Session:
    return Session()


def _timer(session: Session) -> tuple[str, int | None, int, int]:
    timer = views.timer(session.state, session.now)
    return timer.state, timer.panelist_id, timer.duration_ms, timer.remaining_ms


def _now(session: Session) -> tuple[int | None, int | None]:
    return session.state.now_question_id, session.state.now_panelist_id


def _spoken(session: Session, panelist_id: int) -> int:
    state = session.state
    return state.spoken_ms_at(state.panelists[panelist_id], session.now)


def _types(accepted: Accepted) -> list[type]:
    return [type(event) for event in accepted.events]


def test_set_now_with_a_panelist_starts_their_timer_in_the_same_decision(
    session: Session,
) -> None:
    rivera = session.add_panelist()
    question = session.ask(ANA)
    seq = session.state.seq
    accepted = session.ok(HOST, p.SetNow(question_id=question, panelist_id=rivera))
    assert _types(accepted) == [ev.NowSet, ev.TimerStarted]
    assert [event.seq for event in accepted.events] == [seq + 1, seq + 2]
    assert _timer(session) == ("running", rivera, 120_000, 120_000)
    session.advance(5_000)
    assert _spoken(session, rivera) == 5_000


def test_set_now_seconds_sets_the_timer_and_timer_false_starts_none(session: Session) -> None:
    rivera = session.add_panelist()
    first, second = session.ask(ANA), session.ask(BEN, "Night shifts?")
    session.ok(HOST, p.SetNow(question_id=first, panelist_id=rivera, seconds=45))
    assert _timer(session) == ("running", rivera, 45_000, 45_000)
    accepted = session.ok(HOST, p.SetNow(question_id=second, panelist_id=rivera, timer=False))
    assert _types(accepted) == [ev.NowSet, ev.TimerReset]
    assert _timer(session)[:2] == ("idle", None)
    assert _now(session) == (second, rivera)


@pytest.mark.parametrize("seconds", [0, -1, 24 * 3600 + 1])
def test_set_now_seconds_out_of_range_is_a_bad_request(session: Session, seconds: int) -> None:
    rivera = session.add_panelist()
    question = session.ask(ANA)
    refused = session.refused(
        HOST, p.SetNow(question_id=question, panelist_id=rivera, seconds=seconds), "bad_request"
    )
    assert "1 to 86400 seconds" in refused.message


def test_set_now_without_a_panelist_starts_no_timer(session: Session) -> None:
    question = session.ask(ANA)
    accepted = session.ok(HOST, p.SetNow(question_id=question))
    assert _types(accepted) == [ev.NowSet]
    assert _timer(session)[0] == "idle"


@pytest.mark.parametrize("leave", ["mark_answered", "dismiss", "clear", "other", "other_timed"])
def test_the_answer_ends_when_its_question_leaves_the_stage(session: Session, leave: str) -> None:
    rivera, chen = session.add_panelist(), session.add_panelist("Dr. Chen")
    question, other = session.ask(ANA), session.ask(BEN, "Night shifts?")
    session.ok(HOST, p.SetNow(question_id=question, panelist_id=rivera, seconds=60))
    session.advance(40_000)
    session.ok(HOST, p.TimerRequest(action="pause"))  # paused at 0:20 left
    session.advance(3_000)
    requests: dict[str, p.Request] = {
        "mark_answered": p.MarkAnswered(question_id=question),
        "dismiss": p.Dismiss(question_id=question),
        "clear": p.SetNow(),
        "other": p.SetNow(question_id=other, panelist_id=chen, timer=False),
        "other_timed": p.SetNow(question_id=other, panelist_id=chen),
    }
    session.ok(HOST, requests[leave])
    session.advance(10_000)
    assert _spoken(session, rivera) == 40_000  # the time it ran stays counted
    if leave == "other_timed":
        # a fresh timer for the new answer, never the last one's "paused, 0:20 left"
        assert _timer(session) == ("running", chen, 120_000, 110_000)
        assert _now(session) == (other, chen)
        return
    assert _timer(session)[:2] == ("idle", None)
    assert _now(session) == ((other, chen) if leave == "other" else (None, None))


def test_marking_an_open_question_answered_leaves_the_stage_alone(session: Session) -> None:
    rivera = session.add_panelist()
    on_stage, other = session.ask(ANA), session.ask(BEN, "Night shifts?")
    session.ok(HOST, p.SetNow(question_id=on_stage, panelist_id=rivera))
    accepted = session.ok(HOST, p.MarkAnswered(question_id=other))
    assert _types(accepted) == [ev.QuestionAnswered]
    assert _timer(session)[:2] == ("running", rivera)
    assert _now(session) == (on_stage, rivera)


def test_an_answer_ending_with_the_timer_already_reset_names_nobody(session: Session) -> None:
    rivera = session.add_panelist()
    question = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question, panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="reset"))  # idle, still naming Dr. Rivera
    accepted = session.ok(HOST, p.MarkAnswered(question_id=question))
    assert _types(accepted) == [ev.QuestionAnswered, ev.NowSet, ev.TimerReset]
    assert _timer(session)[:2] == ("idle", None)


def test_clearing_an_empty_stage_leaves_a_timer_started_by_hand(session: Session) -> None:
    rivera = session.add_panelist()
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=rivera))
    accepted = session.ok(HOST, p.SetNow())
    assert _types(accepted) == [ev.NowSet]
    assert _timer(session)[:2] == ("running", rivera)


def test_removing_the_panelist_an_idle_timer_names_makes_it_name_nobody(
    session: Session,
) -> None:
    rivera = session.add_panelist()
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="reset"))
    accepted = session.ok(HOST, p.PanelistRemove(panelist_id=rivera))
    assert _types(accepted) == [ev.PanelistRemoved]  # the fold forgets them (core/fold.py)
    assert views.timer(session.state, session.now).panelist_id is None
