"""`apply(state, event)`: the one place where state changes, for live, recovered and replay."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch
from typing import TYPE_CHECKING

import msgspec

from panelhost.core import events as ev
from panelhost.core import offers
from panelhost.core.model import Identity, Note, Panelist, Question, Segment, State

if TYPE_CHECKING:
    from panelhost.core.delta import Delta


def apply(state: State, event: ev.Event, delta: Delta | None = None) -> State:
    """Fold one event into `state` (in place, for speed) and return it.

    With a `delta`, first note in it what the event changes (`core.delta`).
    """
    if delta is not None:
        delta.note(state, event)
    _apply(event, state)
    state.seq = event.seq
    return state


def fold(events: Iterable[ev.Event], state: State | None = None) -> State:
    """The state after `events`, starting from `state` or from nothing."""
    state = State() if state is None else state
    for event in events:
        apply(state, event)
    return state


@singledispatch
def _apply(event: ev.Event, state: State) -> None:
    raise TypeError(f"no rule to apply {type(event).__name__}")


@_apply.register
def _(event: ev.SessionCreated, state: State) -> None:
    state.session_id = event.session_id
    state.title = event.title
    state.settings = event.settings  # frozen: the event stays as journaled
    state.code = event.code
    state.key_hash = event.key_hash
    state.started_at = event.at
    if event.opens_early:
        state.status = "open_for_questions"
        state.opened_at = event.at


@_apply.register
def _(event: ev.IdentityCreated, state: State) -> None:
    state.identities[event.identity_id] = Identity(
        event.identity_id, event.role, event.name, event.token_hash
    )
    if event.token_hash is not None:
        state.token_index[event.token_hash] = event.identity_id


@_apply.register
def _(event: ev.QuestionAsked, state: State) -> None:
    state.questions[event.question_id] = Question(
        id=event.question_id,
        text=event.text,
        author_id=event.author_id,
        author_name=event.author_name,
        status=event.status,
        asked_at=event.at,
        panelist_id=event.panelist_id,
        asked_early=state.status == "open_for_questions",
    )
    author = state.identities.get(event.author_id or "")
    if author is not None:
        author.ask_times.append(event.at)
        if event.nonce is not None:
            author.nonces[event.nonce] = event.question_id


@_apply.register
def _(event: ev.VoteAdded, state: State) -> None:
    state.questions[event.question_id].voters.add(event.voter_id)


@_apply.register
def _(event: ev.VoteRemoved, state: State) -> None:
    state.questions[event.question_id].voters.discard(event.voter_id)


def _leave_stage(state: State, question: Question) -> None:
    if state.now_question_id == question.id:
        state.now_question_id = None


@_apply.register
def _(event: ev.QuestionApproved, state: State) -> None:
    state.questions[event.question_id].status = "open"


@_apply.register
def _(event: ev.QuestionDismissed | ev.QuestionWithdrawn, state: State) -> None:
    question = state.questions[event.question_id]
    question.status = "dismissed"  # the wire cannot tell a withdrawn question apart
    _leave_stage(state, question)


@_apply.register
def _(event: ev.QuestionEdited, state: State) -> None:
    state.questions[event.question_id].text = event.text


@_apply.register
def _(event: ev.QuestionAnswered, state: State) -> None:
    question = state.questions[event.question_id]
    question.status = "answered"
    question.answered_at = event.at
    _leave_stage(state, question)


@_apply.register
def _(event: ev.QuestionRestored | ev.QuestionReopened, state: State) -> None:
    question = state.questions[event.question_id]
    question.status = "open"
    question.answered_at = None


@_apply.register
def _(event: ev.NowSet, state: State) -> None:
    previous = state.questions.get(state.now_question_id or 0)
    if previous is not None and previous.id != event.question_id and previous.status == "answering":
        previous.status = "answered"
        previous.answered_at = event.at
    if event.question_id is not None:
        question = state.questions[event.question_id]
        question.status = "answering"
        question.answered_at = None
        if event.panelist_id is not None:
            state.panelists[event.panelist_id].answers += 1
    state.now_question_id = event.question_id
    state.now_panelist_id = event.panelist_id


def _close_segment(state: State, at: int) -> None:
    segment = state.open_segment()
    if segment is not None:
        segment.end = at
        state.panelists[segment.panelist_id].spoken_ms += max(0, at - segment.start)


def _open_segment(state: State, at: int) -> None:
    if state.timer.panelist_id is not None:
        state.segments.append(Segment(state.timer.panelist_id, state.now_question_id, at))


@_apply.register
def _(event: ev.TimerStarted, state: State) -> None:
    _close_segment(state, event.at)
    timer = state.timer
    timer.state = "running"
    timer.panelist_id = event.panelist_id
    timer.duration_ms = event.duration_ms
    timer.remaining_ms = event.duration_ms
    timer.anchor = event.at
    _open_segment(state, event.at)


@_apply.register
def _(event: ev.TimerPaused, state: State) -> None:
    timer = state.timer
    timer.remaining_ms = timer.remaining_at(event.at)
    timer.state = "paused"
    _close_segment(state, event.at)


@_apply.register
def _(event: ev.TimerResumed, state: State) -> None:
    state.timer.state = "running"
    state.timer.anchor = event.at
    _open_segment(state, event.at)


@_apply.register
def _(event: ev.TimerReset, state: State) -> None:
    _close_segment(state, event.at)
    state.timer.state = "idle"
    state.timer.remaining_ms = state.timer.duration_ms
    if event.to_nobody:
        state.timer.panelist_id = None


@_apply.register
def _(event: ev.TimerAdjusted, state: State) -> None:
    timer = state.timer
    timer.remaining_ms = timer.remaining_at(event.at) + event.delta_ms
    timer.anchor = event.at
    timer.duration_ms = max(0, timer.duration_ms + event.delta_ms)


@_apply.register
def _(event: ev.PanelistAdded, state: State) -> None:
    state.panelists[event.panelist_id] = Panelist(event.panelist_id, event.name, event.title)


@_apply.register
def _(event: ev.PanelistRemoved, state: State) -> None:
    state.panelists[event.panelist_id].removed = True
    if state.timer.panelist_id == event.panelist_id:
        state.timer.panelist_id = None  # an idle timer that named them names nobody


@_apply.register
def _(event: ev.NoteTaken, state: State) -> None:
    state.notes.append(Note(event.note_id, event.question_id, event.text, event.at))


@_apply.register
def _(event: ev.SettingsChanged, state: State) -> None:
    if event.title is not None:
        state.title = event.title
    changed = {
        name: value
        for name, value in (
            ("moderation", event.moderation),
            ("anonymous_allowed", event.anonymous_allowed),
            ("answer_seconds", event.answer_seconds),
        )
        if value is not None
    }
    if changed:
        state.settings = msgspec.structs.replace(state.settings, **changed)


@_apply.register
def _(event: ev.SessionEnded, state: State) -> None:
    if state.timer.state == "running":
        state.timer.remaining_ms = state.timer.remaining_at(event.at)
        state.timer.state = "paused"
    _close_segment(state, event.at)
    state.status = "ended"
    state.ended_at = event.at


@_apply.register
def _(event: ev.SessionWentLive, state: State) -> None:
    state.status = "live"
    state.started_at = event.at  # the panel's start; `opened_at` keeps the session's


@_apply.register
def _(event: ev.OfferMade | ev.OfferRemoved, state: State) -> None:
    offers.apply_offer(state, event)


@_apply.register
def _(event: ev.FollowUpAsked | ev.FollowUpWithdrawn, state: State) -> None:
    offers.apply_follow_up(state, event)
