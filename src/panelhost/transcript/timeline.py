"""A transcript's events as core events, and the state they fold to at any point."""

from __future__ import annotations

import bisect

from panelhost.core import events as ev
from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.transcript.files import TranscriptError
from panelhost.transcript.model import Transcript


def transcript_events(transcript: Transcript) -> list[ev.Event]:
    """The sanitized timeline as core events: `core.fold` of them replays the session."""
    return list(transcript.events)


def replay_state(
    transcript: Transcript, count: int | None = None, name: str = "transcript"
) -> State:
    """The state after the first `count` events (all when None).

    A hand-edited timeline whose events do not fit together (a vote on a question never
    asked, say) raises `TranscriptError` naming the event, instead of a traceback.
    """
    events = transcript.events if count is None else transcript.events[:count]
    state = State()
    index = 0
    try:
        for index, event in enumerate(events):  # noqa: B007 (index names the bad event)
            apply(state, event)
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        event = events[index]
        tag = event.__struct_config__.tag
        raise TranscriptError(
            f"{name}: invalid transcript: event {index} ({tag}, seq {event.seq}) does not fit "
            f"the events before it ({type(exc).__name__}: {exc})"
        ) from None
    return state


def index_at_seq(transcript: Transcript, seq: int) -> int:
    """How many events have a seq of at most `seq`: replay that many for the state at `seq`."""
    return bisect.bisect_right(transcript.events, seq, key=lambda event: event.seq)


def index_at_time(transcript: Transcript, at: int) -> int:
    """How many events happened at or before wall-clock `at` (ms)."""
    return bisect.bisect_right(transcript.events, at, key=lambda event: event.at)
