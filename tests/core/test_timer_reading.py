"""One timer reading for every client: the edge cases where the views used to disagree."""

from __future__ import annotations

import pytest

from panelhost import protocol as p
from panelhost.core.timer_reading import read_timer


def timer(state: p.TimerState, duration_s: float, remaining_s: float) -> p.Timer:
    return p.Timer(
        state=state,
        panelist_id=1,
        duration_ms=round(duration_s * 1000),
        remaining_ms=round(remaining_s * 1000),
    )


@pytest.mark.parametrize(
    ("given", "elapsed_ms", "phase", "words", "spoken"),
    [
        # what `-` pressed often enough reaches: duration 0, 5 s past zero
        (timer("running", 0, -5), 0, "overtime", "OVERTIME +0:05", "over time by 5 seconds"),
        (timer("running", 0, 0), 0, "overtime", "OVERTIME +0:00", "over time by 0 seconds"),
        (timer("running", 120, 1), 1_500, "overtime", "OVERTIME +0:01", "over time by 1 second"),
        (timer("running", 120, 0), 0, "overtime", "OVERTIME +0:00", "over time by 0 seconds"),
        (timer("running", 120, -41), 500, "overtime", "OVERTIME +0:42", "over time by 42 seconds"),
        # paused in overtime: the phase it paused in, and says it is paused
        (
            timer("paused", 120, -20),
            60_000,
            "overtime",
            "paused, OVERTIME +0:20",
            "paused, over time by 20 seconds",
        ),
        (
            timer("paused", 120, 107),
            9_000,
            "running",
            "paused, 1:47 left",
            "paused, 1 minute 47 seconds left",
        ),
        (timer("paused", 120, 10), 0, "wrapup", "paused, wrap up: 0:10 left", None),
        (timer("running", 120, 30), 0, "wrapup", "wrap up: 0:30 left", "wrap up: 30 seconds left"),
        (timer("running", 120, 31), 0, "running", "0:31 left", "31 seconds left"),
        (timer("running", 40, 20), 0, "running", "0:20 left", None),  # a quarter of 40 s
        (timer("running", 40, 10), 0, "wrapup", "wrap up: 0:10 left", None),
        (timer("running", 120, 83), 1_000, "running", "1:22 left", "1 minute 22 seconds left"),
        (timer("idle", 120, 120), 5_000, "idle", "idle", ""),
        (p.Timer(), 0, "idle", "idle", ""),
    ],
)
def test_the_reading(
    given: p.Timer, elapsed_ms: int, phase: str, words: str, spoken: str | None
) -> None:
    reading = read_timer(given, elapsed_ms)
    assert (reading.phase, reading.words) == (phase, words)
    if spoken is not None:
        assert reading.spoken == spoken


def test_remaining_counts_down_only_while_running() -> None:
    assert read_timer(timer("running", 120, 83), 3_000).remaining_ms == 80_000
    assert read_timer(timer("paused", 120, 83), 3_000).remaining_ms == 83_000
    assert read_timer(timer("idle", 120, 120), 3_000).remaining_ms == 120_000
    assert read_timer(timer("running", 0, -5)).digits == "-0:05"


def test_the_wrap_up_threshold_can_be_set() -> None:
    assert read_timer(timer("running", 300, 50), wrap_up_ms=60_000).phase == "wrapup"
    assert read_timer(timer("running", 300, 50)).phase == "running"
