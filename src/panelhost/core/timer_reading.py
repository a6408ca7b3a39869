"""The speaker timer read at one moment: its phase, its words, its time left, for every client.

The host's timer widget, the participant header, the projector, the plain client's
sentences and the replay all read the timer here, so the same timer never says
"OVERTIME" in one place and "wrap up" in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from panelhost.core.durations import countdown, spoken_duration
from panelhost.core.shapes import Timer
from panelhost.core.vocabulary import TimerState

WRAP_UP_MS = 30_000
"""Wrap-up starts 30 s before zero, or at the last quarter of a shorter answer."""

Phase = Literal["idle", "running", "wrapup", "overtime"]


@dataclass(frozen=True, slots=True)
class TimerReading:
    """What the timer says at one moment; a paused timer keeps the phase it paused in."""

    state: TimerState
    phase: Phase
    remaining_ms: int
    """Negative in overtime."""
    duration_ms: int
    digits: str
    """`1:23`, `-0:42`: for big digits."""
    words: str
    """`1:23 left`, `wrap up: 0:25 left`, `OVERTIME +0:42`, `paused, ...`, `idle`."""
    spoken: str
    """Read aloud: `2 minutes left`, `over time by 42 seconds`, `paused, ...`; "" when idle."""


def read_timer(timer: Timer, elapsed_ms: int = 0, wrap_up_ms: int = WRAP_UP_MS) -> TimerReading:
    """`timer` as sent by the hub, `elapsed_ms` after its frame arrived (counted if running).

    Time is up at zero, whatever the duration (a host's `-` can bring it to 0:00).
    Wrap-up is the last `min(wrap_up_ms, duration / 4)` before zero, so a 40 s answer
    is not "wrapping up" for most of its time.
    """
    remaining = timer.remaining_ms
    if timer.state == "running":
        remaining -= elapsed_ms
    digits = countdown(remaining)
    if timer.state == "idle":
        return TimerReading("idle", "idle", remaining, timer.duration_ms, digits, "idle", "")
    phase: Phase
    if remaining <= 0:
        phase = "overtime"
        words, spoken = (
            f"OVERTIME +{countdown(-remaining)}",
            f"over time by {spoken_duration(remaining)}",
        )
    elif remaining <= min(wrap_up_ms, timer.duration_ms // 4):
        phase = "wrapup"
        words, spoken = f"wrap up: {digits} left", f"wrap up: {spoken_duration(remaining)} left"
    else:
        phase = "running"
        words, spoken = f"{digits} left", f"{spoken_duration(remaining)} left"
    if timer.state == "paused":
        words, spoken = f"paused, {words}", f"paused, {spoken}"
    return TimerReading(timer.state, phase, remaining, timer.duration_ms, digits, words, spoken)
