"""Where the participant app reads the time (snapshot tests freeze it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def wall_ms() -> int:
    return round(time.time() * 1000)


@dataclass(frozen=True, slots=True)
class Clock:
    """Where the app reads the time: monotonic seconds (the timer), wall ms (ages)."""

    monotonic: Callable[[], float] = time.monotonic
    wall_ms: Callable[[], int] = wall_ms


CLOCK = Clock()
