"""A transcript's state at any moment: folded once with checkpoints, so any seek is short."""

from __future__ import annotations

import bisect
import dataclasses

from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.transcript import Transcript, TranscriptError


def copy_state(state: State) -> State:
    """A copy of a replayed state, fast enough to take a hundred of in a big session.

    Only what `apply` mutates is copied; closed segments and notes never change again,
    and the settings are frozen (`apply` replaces them).
    """
    segments = list(state.segments)
    if segments and segments[-1].end is None:
        segments[-1] = dataclasses.replace(segments[-1])
    return dataclasses.replace(
        state,
        identities={k: dataclasses.replace(v) for k, v in state.identities.items()},
        token_index=dict(state.token_index),
        questions={
            k: dataclasses.replace(q, voters=set(q.voters)) for k, q in state.questions.items()
        },
        panelists={k: dataclasses.replace(x) for k, x in state.panelists.items()},
        timer=dataclasses.replace(state.timer),
        segments=segments,
        notes=list(state.notes),
    )


CHECKPOINTS = 10
"""Checkpoints in a long timeline: each copy of a big state costs tens of ms, and a seek
folds at most a tenth of the timeline (about 20,000 events, 20 ms) after copying one."""


class ReplayCursor:
    """Moves through a transcript's events; `state` is the fold of the first `index` of them.

    Construction folds the whole timeline once (so a transcript whose events do not fit
    together is refused up front, as one line) and keeps a copy of the state every
    `every` events; a seek then starts from the nearest checkpoint at or before it.
    """

    def __init__(self, transcript: Transcript, name: str = "transcript", every: int = 0) -> None:
        self.transcript = transcript
        self.events = transcript.events
        self.times = [event.at for event in self.events]
        """Each event's wall-clock time (ms), for seeking by time."""
        self.every = every or max(1000, -(-len(self.events) // CHECKPOINTS))
        """Events between two checkpoints."""
        self._checkpoint_indexes: list[int] = []
        self._checkpoints: list[State] = []
        self.final = self._fold_all(name)
        """The state after every event."""
        self.state = State()
        self.index = 0

    def _fold_all(self, name: str) -> State:
        state = State()
        every = self.every
        index = 0
        try:
            for index, event in enumerate(self.events):
                if index % every == 0:
                    self._checkpoint_indexes.append(index)
                    self._checkpoints.append(copy_state(state))
                apply(state, event)
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            event = self.events[index]
            raise TranscriptError(
                f"{name}: invalid transcript: event {index} ({event.__struct_config__.tag}, "
                f"seq {event.seq}) does not fit the events before it ({type(exc).__name__}: {exc})"
            ) from None
        return state

    @property
    def count(self) -> int:
        """How many events the timeline has."""
        return len(self.events)

    def seek(self, index: int) -> State:
        """Make `state` the fold of the first `index` events (clamped) and return it."""
        index = max(0, min(index, len(self.events)))
        if index < self.index or index - self.index > self.every:
            slot = bisect.bisect_right(self._checkpoint_indexes, index) - 1
            base = self._checkpoint_indexes[slot]
            if base > self.index or index < self.index:
                self.state = copy_state(self._checkpoints[slot])
                self.index = base
        events, state = self.events, self.state
        while self.index < index:
            apply(state, events[self.index])
            self.index += 1
        return state

    def index_at(self, at: int) -> int:
        """How many events happened at or before wall-clock `at` (ms)."""
        return bisect.bisect_right(self.times, at)

    def seek_time(self, at: int) -> State:
        """The state at wall-clock `at` (ms): every event up to and including `at`."""
        return self.seek(self.index_at(at))
