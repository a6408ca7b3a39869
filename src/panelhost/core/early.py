"""A session open for questions before its panel: what waits for `go_live`, and going live."""

from __future__ import annotations

from panelhost.core import events as ev
from panelhost.core.model import State

OPEN_FOR_QUESTIONS = "open_for_questions"

ASKED_EARLY_WORDS = "asked before the panel"
"""How every screen marks a question asked while the session was open for questions."""

ASKED_EARLY_MARK = "early"
"""The same mark where a row has no room for the words (the detail says them whole)."""

BEFORE_PANEL_WORDS = "open for questions: the panel has not started yet"
"""What participants and the room are told while the session is open for questions."""

WAIT_FOR_PANEL = (
    "the session is open for questions and the panel has not started: go live first (L)"
)
"""Why a request to put something on stage, run a timer or answer is refused before it."""


def before_panel(state: State) -> bool:
    """Whether the session is open for questions and its panel has not started."""
    return state.status == OPEN_FOR_QUESTIONS


def go_live(state: State, now: int) -> ev.SessionWentLive | str:
    """The event that starts the panel, or why there is nothing to start."""
    if not before_panel(state):
        return f"the session is {state.status} already: only a session open for questions goes live"
    return ev.SessionWentLive(seq=state.seq + 1, at=now)
