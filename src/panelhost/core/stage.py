"""The stage and the timer move together: an answer starts and ends with its question.

PROTOCOL.md (revision 2): `set_now` with a panelist starts that panelist's timer in the
same change; when the question on stage leaves it (another question, a cleared stage, or
its `mark_answered` or `dismiss`), the timer goes idle naming nobody and `now` names no
panelist. Each function returns the events of one request, numbered after `state.seq`,
so the hub journals them as one batch.
"""

from __future__ import annotations

from panelhost.core import events as ev
from panelhost.core.model import State


def speaker_id(timer_state: str, timer_panelist_id: int | None) -> int | None:
    """Who shows as speaking: the panelist the timer runs or is paused for, else nobody.

    Every client asks this (through `Mirror.speaker`), so none shows a panelist speaking
    while the timer is idle, whoever is named on stage.
    """
    return timer_panelist_id if timer_state in ("running", "paused") else None


class _Numbered:
    """Events of one request, numbered in order after the state's last seq."""

    def __init__(self, state: State, at: int) -> None:
        self.next_seq = state.seq + 1
        self.at = at
        self.events: list[ev.Event] = []

    def add(self, event_type: type[ev.Event], **fields: object) -> None:
        self.events.append(event_type(seq=self.next_seq, at=self.at, **fields))
        self.next_seq += 1


def stage_taken(state: State) -> bool:
    """Something is on stage: a question, or a panelist without one."""
    return state.now_question_id is not None or state.now_panelist_id is not None


def _timer_is_someones(state: State) -> bool:
    """The timer runs, is paused, or still names a panelist: the answer is not over yet."""
    return state.timer.state != "idle" or state.timer.panelist_id is not None


def set_now(
    state: State, at: int, question_id: int | None, panelist_id: int | None, timer_ms: int | None
) -> list[ev.Event]:
    """Put a question (or nothing) on stage; start the panelist's timer when `timer_ms`.

    A new timer replaces the old one (its time so far stays that panelist's speaking
    time); without one, the answer that was on stage is over.
    """
    events = _Numbered(state, at)
    events.add(ev.NowSet, question_id=question_id, panelist_id=panelist_id)
    if panelist_id is not None and timer_ms is not None:
        events.add(ev.TimerStarted, panelist_id=panelist_id, duration_ms=timer_ms)
    elif stage_taken(state) and _timer_is_someones(state):
        events.add(ev.TimerReset, to_nobody=True)
    return events.events


def move_question(
    state: State, at: int, event_type: type[ev.Event], question_id: int
) -> list[ev.Event]:
    """A question changes status (`event_type`); if it was on stage, the answer is over."""
    events = _Numbered(state, at)
    events.add(event_type, question_id=question_id)
    if question_id == state.now_question_id:
        if state.now_panelist_id is not None:
            events.add(ev.NowSet, question_id=None, panelist_id=None)
        if _timer_is_someones(state):
            events.add(ev.TimerReset, to_nobody=True)
    return events.events
