"""`decide` for every request type and every error code it can produce."""

from __future__ import annotations

import pytest

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core import views
from panelhost.core.rules import Accepted, decide

from .sessionkit import ANA, BEN, HOST, T0, VIEWER, Session

HOST_REQUESTS: list[p.Request] = [
    p.Approve(question_id=1),
    p.Dismiss(question_id=1),
    p.Restore(question_id=1),
    p.Edit(question_id=1, text="x"),
    p.SetNow(question_id=1, panelist_id=None),
    p.MarkAnswered(question_id=1),
    p.Reopen(question_id=1),
    p.TimerRequest(action="start"),
    p.TimerRequest(action="reset"),
    p.PanelistAdd(name="Dr. Kim"),
    p.PanelistRemove(panelist_id=1),
    p.NoteRequest(text="a note"),
    p.SettingsRequest(moderation=True),
    p.End(),
]
PARTICIPANT_REQUESTS: list[p.Request] = [
    p.Ask(text="hello?"),
    p.Vote(question_id=1),
    p.Unvote(question_id=1),
    p.Withdraw(question_id=1),
]


@pytest.fixture
def session() -> Session:
    return Session()


@pytest.fixture
def moderated() -> Session:
    return Session(p.Settings(moderation=True))


def _tag(request: p.Request) -> str:
    return request.__struct_config__.tag


# -- who may send what ---------------------------------------------------------------------


@pytest.mark.parametrize("request_", HOST_REQUESTS, ids=_tag)
def test_participant_sending_a_host_request_is_forbidden(
    session: Session, request_: p.Request
) -> None:
    session.ask(ANA)
    session.add_panelist()
    session.refused(ANA, request_, "forbidden")


@pytest.mark.parametrize("request_", HOST_REQUESTS + PARTICIPANT_REQUESTS, ids=_tag)
def test_viewer_may_send_nothing(session: Session, request_: p.Request) -> None:
    session.ask(ANA)
    session.add_panelist()
    session.refused(VIEWER, request_, "forbidden")


def test_hello_after_joining_is_a_bad_request(session: Session) -> None:
    session.refused(HOST, p.Hello(protocol=1, role="host", key="k"), "bad_request")


def test_decide_never_changes_the_state(session: Session) -> None:
    session.ask(ANA)
    before = session.state.copy()
    decision = decide(session.state, BEN, p.Vote(question_id=1), session.now)
    assert isinstance(decision, Accepted) and len(decision.events) == 1
    assert session.state == before


def test_events_carry_the_next_seq_and_now(session: Session) -> None:
    session.advance(1234)
    seq = session.state.seq
    decision = decide(session.state, ANA, p.Ask(text="q"), session.now)
    assert isinstance(decision, Accepted)
    (event,) = decision.events
    assert (event.seq, event.at) == (seq + 1, T0 + 1234)


# -- ask -------------------------------------------------------------------------------------


def test_ask_opens_a_question_with_the_authors_name(session: Session) -> None:
    session.advance(500)
    question_id = session.ask(ANA, "  What   do you\nwish you knew? ")
    assert question_id == 1
    question = session.state.questions[1]
    assert question.text == "What do you wish you knew?"
    assert (question.status, question.author_id, question.author_name) == ("open", ANA.id, "Ana")
    assert question.asked_at == T0 + 500
    assert question.votes == 0
    assert session.ask(BEN) == 2


def test_ask_under_moderation_is_pending(moderated: Session) -> None:
    assert moderated.status(moderated.ask(ANA)) == "pending"


def test_anonymous_ask_has_no_author_name_but_keeps_the_author(session: Session) -> None:
    question_id = session.ask(ANA, anonymous=True)
    question = session.state.questions[question_id]
    assert question.author_name is None
    assert question.author_id == ANA.id


def test_anonymous_ask_when_turned_off_is_forbidden() -> None:
    session = Session(p.Settings(anonymous_allowed=False))
    session.refused(ANA, p.Ask(text="q", anonymous=True), "forbidden")
    session.ask(ANA, anonymous=False)


def test_ask_text_empty_is_bad_request_and_too_long_is_too_long(session: Session) -> None:
    session.refused(ANA, p.Ask(text=" \n\t\x1b\u202e "), "bad_request")
    session.refused(ANA, p.Ask(text="x" * 301), "too_long")
    assert len(session.state.questions[session.ask(ANA, "x" * 300)].text) == 300


def test_ask_respects_a_smaller_question_limit() -> None:
    session = Session(p.Settings(max_question_chars=10))
    session.refused(ANA, p.Ask(text="x" * 11), "too_long")
    session.ask(ANA, "x" * 10)


def test_ask_for_a_panelist(session: Session) -> None:
    panelist_id = session.add_panelist()
    question_id = session.ask(ANA, panelist_id=panelist_id)
    assert session.state.questions[question_id].panelist_id == panelist_id
    session.refused(ANA, p.Ask(text="q", panelist_id=99), "not_found")
    session.ok(HOST, p.PanelistRemove(panelist_id=panelist_id))
    session.refused(ANA, p.Ask(text="q", panelist_id=panelist_id), "not_found")


def test_host_may_ask(session: Session) -> None:
    question = session.state.questions[session.ask(HOST)]
    assert question.author_name == "Maya"


# -- nonce -----------------------------------------------------------------------------------


def test_repeated_nonce_creates_nothing_and_returns_the_first_id(session: Session) -> None:
    first = session.ask(ANA, "first", nonce="n-1")
    session.ask(BEN)
    events_before = len(session.events)
    again = session.ok(ANA, p.Ask(text="first", nonce="n-1"))
    assert again.events == [] and again.id == first
    # even with other text: the nonce names the ask, not its text
    again = session.ok(ANA, p.Ask(text="something else", nonce="n-1"))
    assert again.events == [] and again.id == first
    assert len(session.events) == events_before
    assert len(session.state.questions) == 2


def test_nonces_belong_to_one_identity(session: Session) -> None:
    first = session.ask(ANA, nonce="same")
    assert session.ask(BEN, nonce="same") != first
    assert session.ask(ANA, nonce="other") != first


def test_nonce_resend_is_answered_even_when_rate_limited(session: Session) -> None:
    first = session.ask(ANA, nonce="n-0")
    for i in range(1, 5):
        session.ask(ANA, nonce=f"n-{i}")
    session.refused(ANA, p.Ask(text="q", nonce="n-5"), "rate_limited")
    again = session.ok(ANA, p.Ask(text="q", nonce="n-0"))
    assert again.events == [] and again.id == first


# -- rate limit ------------------------------------------------------------------------------


def test_sixth_ask_in_a_minute_is_rate_limited(session: Session) -> None:
    for _ in range(5):
        session.ask(ANA)
        session.advance(10_000)
    # asks at 0, 10, 20, 30, 40 s; now is 50 s: the first leaves the window at 60 s
    refused = session.refused(ANA, p.Ask(text="q"), "rate_limited")
    assert "10 s" in refused.message
    session.ask(BEN)  # per identity
    session.advance(9_999)
    session.refused(ANA, p.Ask(text="q"), "rate_limited")
    session.advance(1)  # exactly 60 s after the first ask
    session.ask(ANA)
    session.refused(ANA, p.Ask(text="q"), "rate_limited")
    session.advance(10_000)  # the second ask leaves the window
    session.ask(ANA)


def test_rejected_asks_and_nonce_resends_do_not_count(session: Session) -> None:
    session.refused(ANA, p.Ask(text="   "), "bad_request")
    session.refused(ANA, p.Ask(text="x" * 500), "too_long")
    session.ask(ANA, nonce="once")
    for _ in range(3):
        session.ok(ANA, p.Ask(text="q", nonce="once"))
    for _ in range(4):
        session.ask(ANA)
    session.refused(ANA, p.Ask(text="q"), "rate_limited")


def test_hosts_are_not_rate_limited(session: Session) -> None:
    for _ in range(20):
        session.ask(HOST)
    assert len(session.state.questions) == 20


# -- vote / unvote ---------------------------------------------------------------------------


def test_one_vote_per_identity(session: Session) -> None:
    question_id = session.ask(ANA)
    first = session.ok(BEN, p.Vote(question_id=question_id))
    assert [type(e) for e in first.events] == [ev.VoteAdded]
    repeat = session.ok(BEN, p.Vote(question_id=question_id))
    assert repeat.events == []
    assert session.state.questions[question_id].votes == 1


def test_author_and_host_may_vote(session: Session) -> None:
    question_id = session.ask(ANA)
    session.ok(ANA, p.Vote(question_id=question_id))
    session.ok(HOST, p.Vote(question_id=question_id))
    session.ok(BEN, p.Vote(question_id=question_id))
    assert session.state.questions[question_id].voters == {ANA.id, HOST.id, BEN.id}


def test_unvote_removes_the_vote_and_repeating_changes_nothing(session: Session) -> None:
    question_id = session.ask(ANA)
    session.ok(BEN, p.Vote(question_id=question_id))
    assert [type(e) for e in session.ok(BEN, p.Unvote(question_id=question_id)).events] == [
        ev.VoteRemoved
    ]
    assert session.ok(BEN, p.Unvote(question_id=question_id)).events == []
    assert session.state.questions[question_id].votes == 0


def test_votes_on_the_question_being_answered(session: Session) -> None:
    question_id = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question_id))
    session.ok(BEN, p.Vote(question_id=question_id))
    session.ok(BEN, p.Unvote(question_id=question_id))


@pytest.mark.parametrize("request_type", [p.Vote, p.Unvote])
def test_votes_only_on_open_or_answering(
    moderated: Session, request_type: type[p.Vote] | type[p.Unvote]
) -> None:
    pending = moderated.ask(ANA)
    moderated.refused(ANA, request_type(question_id=pending), "invalid_state")
    moderated.refused(HOST, request_type(question_id=pending), "invalid_state")
    answered = moderated.ask(ANA)
    moderated.ok(HOST, p.Approve(question_id=answered))
    moderated.ok(HOST, p.MarkAnswered(question_id=answered))
    moderated.refused(BEN, request_type(question_id=answered), "invalid_state")
    dismissed = moderated.ask(ANA)
    moderated.ok(HOST, p.Dismiss(question_id=dismissed))
    moderated.refused(ANA, request_type(question_id=dismissed), "invalid_state")


@pytest.mark.parametrize("request_type", [p.Vote, p.Unvote, p.Withdraw])
def test_someone_elses_invisible_question_is_not_found(
    moderated: Session, request_type: type[p.Vote] | type[p.Unvote] | type[p.Withdraw]
) -> None:
    pending = moderated.ask(ANA)
    moderated.refused(BEN, request_type(question_id=pending), "not_found")
    dismissed = moderated.ask(ANA)
    moderated.ok(HOST, p.Dismiss(question_id=dismissed))
    moderated.refused(BEN, request_type(question_id=dismissed), "not_found")
    moderated.refused(BEN, request_type(question_id=99), "not_found")
    # worded as for a question that does not exist: existence does not leak
    hidden = moderated.refused(BEN, request_type(question_id=pending), "not_found")
    assert hidden.message == f"there is no question {pending}"


# -- withdraw --------------------------------------------------------------------------------


def test_withdraw_own_open_or_pending(moderated: Session) -> None:
    pending = moderated.ask(ANA)
    moderated.ok(ANA, p.Withdraw(question_id=pending))
    assert moderated.status(pending) == "dismissed"
    open_ = moderated.ask(ANA)
    moderated.ok(HOST, p.Approve(question_id=open_))
    moderated.ok(ANA, p.Withdraw(question_id=open_))
    assert moderated.status(open_) == "dismissed"


def test_withdraw_someone_elses_visible_question_is_forbidden(session: Session) -> None:
    question_id = session.ask(ANA)
    session.refused(BEN, p.Withdraw(question_id=question_id), "forbidden")
    session.refused(HOST, p.Withdraw(question_id=question_id), "forbidden")


def test_withdraw_after_pending_or_open_is_invalid_state(session: Session) -> None:
    answering = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=answering))
    session.refused(ANA, p.Withdraw(question_id=answering), "invalid_state")
    session.ok(HOST, p.MarkAnswered(question_id=answering))
    session.refused(ANA, p.Withdraw(question_id=answering), "invalid_state")
    withdrawn = session.ask(ANA)
    session.ok(ANA, p.Withdraw(question_id=withdrawn))
    session.refused(ANA, p.Withdraw(question_id=withdrawn), "invalid_state")


# -- host transitions ------------------------------------------------------------------------


def _question_in(session: Session, status: str) -> int:
    """A new question by Ana, moved to `status` by the host (session must be moderated)."""
    question_id = session.ask(ANA)
    assert session.status(question_id) == "pending"
    if status == "open":
        session.ok(HOST, p.Approve(question_id=question_id))
    elif status == "answering":
        session.ok(HOST, p.SetNow(question_id=question_id))
    elif status == "answered":
        session.ok(HOST, p.Approve(question_id=question_id))
        session.ok(HOST, p.MarkAnswered(question_id=question_id))
    elif status == "dismissed":
        session.ok(HOST, p.Dismiss(question_id=question_id))
    assert session.status(question_id) == status
    return question_id


STATUSES = ("pending", "open", "answering", "answered", "dismissed")
HOST_TRANSITIONS = [
    (p.Approve, {"pending"}, "open"),
    (p.Dismiss, {"pending", "open", "answering", "answered"}, "dismissed"),
    (p.Restore, {"dismissed"}, "open"),
    (p.MarkAnswered, {"open", "answering"}, "answered"),
    (p.Reopen, {"answered"}, "open"),
    (p.SetNow, {"pending", "open", "answered"}, "answering"),
]
TRANSITION_CASES = [
    (request_type, status, status in allowed, target)
    for request_type, allowed, target in HOST_TRANSITIONS
    for status in STATUSES
]


@pytest.mark.parametrize(
    ("request_type", "status", "allowed", "target"),
    TRANSITION_CASES,
    ids=[f"{t.__struct_config__.tag}-from-{s}" for t, s, _, _ in TRANSITION_CASES],
)
def test_host_transition(
    moderated: Session, request_type: type, status: str, allowed: bool, target: str
) -> None:
    question_id = _question_in(moderated, status)
    request = request_type(question_id=question_id)
    if allowed:
        moderated.ok(HOST, request)
        assert moderated.status(question_id) == target
    else:
        moderated.refused(HOST, request, "invalid_state")


@pytest.mark.parametrize(
    "request_type", [p.Approve, p.Dismiss, p.Restore, p.MarkAnswered, p.Reopen, p.SetNow]
)
def test_host_request_about_a_missing_question_is_not_found(
    session: Session, request_type: type
) -> None:
    session.refused(HOST, request_type(question_id=7), "not_found")


def test_host_may_act_on_pending_and_dismissed(moderated: Session) -> None:
    pending = moderated.ask(ANA)
    moderated.ok(HOST, p.NoteRequest(text="about it", question_id=pending))
    dismissed = _question_in(moderated, "dismissed")
    moderated.ok(HOST, p.NoteRequest(text="about it", question_id=dismissed))


def test_restore_under_moderation_opens(moderated: Session) -> None:
    question_id = _question_in(moderated, "dismissed")
    moderated.ok(HOST, p.Restore(question_id=question_id))
    assert moderated.status(question_id) == "open"


@pytest.mark.parametrize("request_type", [p.Dismiss, p.MarkAnswered])
def test_leaving_the_stage_clears_now_question(session: Session, request_type: type) -> None:
    panelist_id = session.add_panelist()
    question_id = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question_id, panelist_id=panelist_id))
    assert session.state.now_question_id == question_id
    session.ok(HOST, request_type(question_id=question_id))
    assert session.state.now_question_id is None


def test_dismissing_another_question_leaves_the_stage_alone(session: Session) -> None:
    on_stage = session.ask(ANA)
    other = session.ask(BEN)
    session.ok(HOST, p.SetNow(question_id=on_stage))
    session.ok(HOST, p.Dismiss(question_id=other))
    session.ok(HOST, p.MarkAnswered(question_id=session.ask(BEN)))
    assert session.state.now_question_id == on_stage
    assert session.status(on_stage) == "answering"


# -- edit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_edit_in_any_status_keeps_id_and_votes(moderated: Session, status: str) -> None:
    question_id = _question_in(moderated, status)
    if status in ("open", "answering"):
        moderated.ok(BEN, p.Vote(question_id=question_id))
    votes = moderated.state.questions[question_id].votes
    moderated.ok(HOST, p.Edit(question_id=question_id, text=" Fixed\ttypo "))
    question = moderated.state.questions[question_id]
    assert (question.text, question.votes, question.status) == ("Fixed typo", votes, status)


def test_edit_refusals_and_no_change(session: Session) -> None:
    question_id = session.ask(ANA, "same text")
    assert session.ok(HOST, p.Edit(question_id=question_id, text=" same  text ")).events == []
    session.refused(HOST, p.Edit(question_id=question_id, text="\n"), "bad_request")
    session.refused(HOST, p.Edit(question_id=question_id, text="y" * 301), "too_long")
    session.refused(HOST, p.Edit(question_id=99, text="y"), "not_found")


# -- set_now ---------------------------------------------------------------------------------


def test_set_now_moves_the_previous_question_to_answered(session: Session) -> None:
    rivera = session.add_panelist()
    kim = session.add_panelist("Dr. Kim")
    first, second = session.ask(ANA), session.ask(BEN)
    session.ok(HOST, p.SetNow(question_id=first, panelist_id=rivera))
    session.advance(5_000)
    session.ok(HOST, p.SetNow(question_id=second, panelist_id=kim))
    state = session.state
    assert (session.status(first), session.status(second)) == ("answered", "answering")
    assert state.questions[first].answered_at == T0 + 5_000
    assert (state.now_question_id, state.now_panelist_id) == (second, kim)
    assert (state.panelists[rivera].answers, state.panelists[kim].answers) == (1, 1)


def test_set_now_null_clears_the_stage(session: Session) -> None:
    question_id = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question_id))
    session.ok(HOST, p.SetNow(question_id=None, panelist_id=None))
    assert session.status(question_id) == "answered"
    assert (session.state.now_question_id, session.state.now_panelist_id) == (None, None)


def test_set_now_panelist_only(session: Session) -> None:
    panelist_id = session.add_panelist()
    session.ok(HOST, p.SetNow(question_id=None, panelist_id=panelist_id))
    assert session.state.now_panelist_id == panelist_id
    assert session.state.panelists[panelist_id].answers == 0


def test_set_now_an_answered_question_again(session: Session) -> None:
    question_id = session.ask(ANA)
    session.ok(HOST, p.MarkAnswered(question_id=question_id))
    session.ok(HOST, p.SetNow(question_id=question_id))
    assert session.status(question_id) == "answering"
    assert session.state.questions[question_id].answered_at is None


def test_set_now_unknown_or_removed_panelist_is_not_found(session: Session) -> None:
    question_id = session.ask(ANA)
    session.refused(HOST, p.SetNow(question_id=question_id, panelist_id=5), "not_found")
    panelist_id = session.add_panelist()
    session.ok(HOST, p.PanelistRemove(panelist_id=panelist_id))
    session.refused(HOST, p.SetNow(question_id=question_id, panelist_id=panelist_id), "not_found")


# -- timer -----------------------------------------------------------------------------------


def _remaining(session: Session) -> int:
    return views.timer(session.state, session.now).remaining_ms


def test_timer_start_defaults_to_answer_seconds_and_counts_down(session: Session) -> None:
    session.ok(HOST, p.TimerRequest(action="start"))
    timer = views.timer(session.state, session.now)
    assert (timer.state, timer.duration_ms, timer.remaining_ms) == ("running", 120_000, 120_000)
    session.advance(20_000)
    assert _remaining(session) == 100_000


def test_timer_runs_into_overtime(session: Session) -> None:
    session.ok(HOST, p.TimerRequest(action="start", seconds=10))
    session.advance(25_000)
    assert _remaining(session) == -15_000
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.advance(60_000)
    assert _remaining(session) == -15_000
    session.ok(HOST, p.TimerRequest(action="add", seconds=30))
    assert _remaining(session) == 15_000


def test_timer_pause_resume(session: Session) -> None:
    session.ok(HOST, p.TimerRequest(action="start", seconds=60))
    session.advance(10_000)
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.advance(100_000)
    assert _remaining(session) == 50_000
    session.ok(HOST, p.TimerRequest(action="resume"))
    session.advance(5_000)
    assert _remaining(session) == 45_000
    assert session.state.timer.state == "running"


def test_timer_pause_needs_running_and_resume_needs_paused(session: Session) -> None:
    session.refused(HOST, p.TimerRequest(action="pause"), "invalid_state")
    session.refused(HOST, p.TimerRequest(action="resume"), "invalid_state")
    session.ok(HOST, p.TimerRequest(action="start"))
    session.refused(HOST, p.TimerRequest(action="resume"), "invalid_state")
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.refused(HOST, p.TimerRequest(action="pause"), "invalid_state")


def test_timer_reset_goes_idle_with_remaining_equal_to_duration(session: Session) -> None:
    session.ok(HOST, p.TimerRequest(action="reset"))  # any state, idle included
    session.ok(HOST, p.TimerRequest(action="start", seconds=90))
    session.advance(100_000)
    session.ok(HOST, p.TimerRequest(action="reset"))
    timer = views.timer(session.state, session.now)
    assert (timer.state, timer.duration_ms, timer.remaining_ms) == ("idle", 90_000, 90_000)
    session.ok(HOST, p.TimerRequest(action="start", seconds=30))
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.ok(HOST, p.TimerRequest(action="reset"))
    assert session.state.timer.state == "idle"


def test_timer_add_changes_duration_and_remaining(session: Session) -> None:
    session.refused(HOST, p.TimerRequest(action="add", seconds=30), "invalid_state")
    session.ok(HOST, p.TimerRequest(action="start", seconds=60))
    session.advance(10_000)
    session.ok(HOST, p.TimerRequest(action="add", seconds=30))
    timer = views.timer(session.state, session.now)
    assert (timer.duration_ms, timer.remaining_ms) == (90_000, 80_000)
    session.ok(HOST, p.TimerRequest(action="add", seconds=-100))
    timer = views.timer(session.state, session.now)
    assert timer.remaining_ms == -20_000
    assert timer.duration_ms == 0  # a duration does not go below zero
    session.advance(1_000)
    assert _remaining(session) == -21_000
    session.refused(HOST, p.TimerRequest(action="add"), "bad_request")
    session.refused(HOST, p.TimerRequest(action="add", seconds=24 * 3600 + 1), "bad_request")
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.ok(HOST, p.TimerRequest(action="add", seconds=5))
    assert _remaining(session) == -16_000


def test_timer_start_bounds(session: Session) -> None:
    session.refused(HOST, p.TimerRequest(action="start", seconds=0), "bad_request")
    session.refused(HOST, p.TimerRequest(action="start", seconds=-5), "bad_request")
    session.refused(HOST, p.TimerRequest(action="start", seconds=24 * 3600 + 1), "bad_request")
    session.ok(HOST, p.TimerRequest(action="start", seconds=1))
    session.ok(HOST, p.TimerRequest(action="start", seconds=24 * 3600))


def test_timer_start_uses_answer_seconds_setting(session: Session) -> None:
    session.ok(HOST, p.SettingsRequest(answer_seconds=45))
    session.ok(HOST, p.TimerRequest(action="start"))
    assert session.state.timer.duration_ms == 45_000


def test_timer_panelist_defaults_to_the_stage(session: Session) -> None:
    rivera, kim = session.add_panelist(), session.add_panelist("Dr. Kim")
    session.ok(HOST, p.SetNow(question_id=session.ask(ANA), panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="start"))
    assert session.state.timer.panelist_id == rivera
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=kim))
    assert session.state.timer.panelist_id == kim
    session.refused(HOST, p.TimerRequest(action="start", panelist_id=9), "not_found")


def test_timer_panelist_never_defaults_to_a_removed_panelist(session: Session) -> None:
    rivera = session.add_panelist()
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="reset"))
    session.ok(HOST, p.PanelistRemove(panelist_id=rivera))
    session.ok(HOST, p.TimerRequest(action="start"))
    assert session.state.timer.panelist_id is None
    assert session.state.open_segment() is None


# -- speaking time ---------------------------------------------------------------------------


def _spoken(session: Session, panelist_id: int) -> int:
    state = session.state
    return state.spoken_ms_at(state.panelists[panelist_id], session.now)


def test_speaking_time_is_the_time_the_panelists_timer_runs(session: Session) -> None:
    rivera, kim = session.add_panelist(), session.add_panelist("Dr. Kim")
    question_id = session.ask(ANA)
    session.ok(HOST, p.SetNow(question_id=question_id, panelist_id=rivera, seconds=10))
    session.advance(30_000)  # overtime counts as speaking time too
    assert _spoken(session, rivera) == 30_000
    assert views.panelists(session.state, session.now)[0].spoken_ms == 30_000
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.advance(50_000)
    assert _spoken(session, rivera) == 30_000
    session.ok(HOST, p.TimerRequest(action="resume"))
    session.advance(10_000)
    assert _spoken(session, rivera) == 40_000
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=kim))  # closes Rivera's
    session.advance(7_000)
    assert (_spoken(session, rivera), _spoken(session, kim)) == (40_000, 7_000)
    session.ok(HOST, p.TimerRequest(action="reset"))
    session.advance(7_000)
    assert (_spoken(session, rivera), _spoken(session, kim)) == (40_000, 7_000)
    segments = [(s.panelist_id, s.question_id, s.start, s.end) for s in session.state.segments]
    assert segments == [
        (rivera, question_id, T0, T0 + 30_000),
        (rivera, question_id, T0 + 80_000, T0 + 90_000),
        (kim, question_id, T0 + 90_000, T0 + 97_000),
    ]


def test_timer_without_a_panelist_is_nobodys_speaking_time(session: Session) -> None:
    rivera = session.add_panelist()
    session.ok(HOST, p.TimerRequest(action="start"))
    session.advance(10_000)
    assert session.state.segments == []
    assert _spoken(session, rivera) == 0


def test_end_closes_the_open_segment_and_pauses_the_timer(session: Session) -> None:
    rivera = session.add_panelist()
    session.ok(HOST, p.TimerRequest(action="start", seconds=60, panelist_id=rivera))
    session.advance(12_000)
    session.ok(HOST, p.End())
    session.advance(100_000)
    assert _spoken(session, rivera) == 12_000
    assert session.state.timer.state == "paused"
    assert _remaining(session) == 48_000


# -- panel -----------------------------------------------------------------------------------


def test_panelist_add(session: Session) -> None:
    assert session.ok(HOST, p.PanelistAdd(name=" Dr.  Rivera ", title="EM, PGY-2")).id == 1
    assert session.ok(HOST, p.PanelistAdd(name="Dr. Kim", title=" \n ")).id == 2
    rivera, kim = session.state.panelists[1], session.state.panelists[2]
    assert (rivera.name, rivera.title) == ("Dr. Rivera", "EM, PGY-2")
    assert kim.title is None
    session.refused(HOST, p.PanelistAdd(name="\t"), "bad_request")
    session.refused(HOST, p.PanelistAdd(name="n" * 61), "too_long")
    session.refused(HOST, p.PanelistAdd(name="ok", title="t" * 101), "too_long")
    session.ok(HOST, p.PanelistAdd(name="n" * 60, title="t" * 100))


def test_panelist_ids_are_never_reused(session: Session) -> None:
    first = session.add_panelist()
    session.ok(HOST, p.PanelistRemove(panelist_id=first))
    assert session.add_panelist("Dr. Kim") == first + 1
    assert [x.id for x in views.panelists(session.state, session.now)] == [first + 1]


def test_panelist_remove(session: Session) -> None:
    panelist_id = session.add_panelist()
    session.ok(HOST, p.PanelistRemove(panelist_id=panelist_id))
    assert session.state.panelists[panelist_id].removed
    session.refused(HOST, p.PanelistRemove(panelist_id=panelist_id), "not_found")
    session.refused(HOST, p.PanelistRemove(panelist_id=42), "not_found")


def test_panelist_remove_refused_while_on_stage(session: Session) -> None:
    panelist_id = session.add_panelist()
    session.ok(HOST, p.SetNow(question_id=session.ask(ANA), panelist_id=panelist_id))
    session.refused(HOST, p.PanelistRemove(panelist_id=panelist_id), "invalid_state")
    session.ok(HOST, p.SetNow(question_id=None, panelist_id=None))
    session.ok(HOST, p.PanelistRemove(panelist_id=panelist_id))


def test_panelist_remove_refused_while_the_timer_is_theirs(session: Session) -> None:
    rivera, kim = session.add_panelist(), session.add_panelist("Dr. Kim")
    session.ok(HOST, p.TimerRequest(action="start", panelist_id=rivera))
    session.refused(HOST, p.PanelistRemove(panelist_id=rivera), "invalid_state")
    session.ok(HOST, p.PanelistRemove(panelist_id=kim))  # someone else's timer is no obstacle
    session.ok(HOST, p.TimerRequest(action="pause"))
    session.refused(HOST, p.PanelistRemove(panelist_id=rivera), "invalid_state")
    session.ok(HOST, p.TimerRequest(action="reset"))
    session.ok(HOST, p.PanelistRemove(panelist_id=rivera))


# -- notes -----------------------------------------------------------------------------------


def test_note(session: Session) -> None:
    question_id = session.ask(ANA)
    assert session.ok(HOST, p.NoteRequest(text="general\nnote")).id == 1
    assert session.ok(HOST, p.NoteRequest(text="about q", question_id=question_id)).id == 2
    notes = [(n.id, n.question_id, n.text) for n in session.state.notes]
    assert notes == [(1, None, "general note"), (2, question_id, "about q")]
    session.refused(HOST, p.NoteRequest(text=" "), "bad_request")
    session.refused(HOST, p.NoteRequest(text="n" * 2001), "too_long")
    session.ok(HOST, p.NoteRequest(text="n" * 2000))
    session.refused(HOST, p.NoteRequest(text="x", question_id=99), "not_found")


# -- settings --------------------------------------------------------------------------------


def test_settings_change(session: Session) -> None:
    session.ok(
        HOST,
        p.SettingsRequest(
            title=" New  title ", moderation=True, anonymous_allowed=False, answer_seconds=300
        ),
    )
    settings = session.state.settings
    assert session.state.title == "New title"
    assert (settings.moderation, settings.anonymous_allowed, settings.answer_seconds) == (
        True,
        False,
        300,
    )
    assert session.ok(HOST, p.SettingsRequest()).events == []


def test_settings_bounds(session: Session) -> None:
    session.refused(HOST, p.SettingsRequest(answer_seconds=9), "bad_request")
    session.refused(HOST, p.SettingsRequest(answer_seconds=3601), "bad_request")
    session.refused(HOST, p.SettingsRequest(title="\u202e"), "bad_request")
    session.refused(HOST, p.SettingsRequest(title="t" * 101), "too_long")
    session.ok(HOST, p.SettingsRequest(answer_seconds=10))
    session.ok(HOST, p.SettingsRequest(answer_seconds=3600))
    session.ok(HOST, p.SettingsRequest(title="t" * 100))


def test_turning_moderation_off_leaves_pending_pending(moderated: Session) -> None:
    pending = moderated.ask(ANA)
    moderated.ok(HOST, p.SettingsRequest(moderation=False))
    assert moderated.status(pending) == "pending"
    assert moderated.status(moderated.ask(BEN)) == "open"


# -- end -------------------------------------------------------------------------------------

EVERY_REQUEST = HOST_REQUESTS + PARTICIPANT_REQUESTS


def test_end(session: Session) -> None:
    session.advance(60_000)
    session.ok(HOST, p.End())
    assert session.state.status == "ended"
    assert session.state.ended_at == T0 + 60_000


@pytest.mark.parametrize("request_", EVERY_REQUEST, ids=_tag)
def test_after_end_everything_is_session_ended(session: Session, request_: p.Request) -> None:
    session.ask(ANA)
    session.add_panelist()
    session.ok(HOST, p.End())
    session.refused(HOST, request_, "session_ended")
    session.refused(ANA, request_, "session_ended")
    session.refused(VIEWER, request_, "forbidden")  # a viewer sends nothing, ever
