"""Durations as the views write them."""

from __future__ import annotations

from panelhost.core.durations import countdown, duration, elapsed


def test_countdown_rounds_away_from_zero_and_signs_overtime():
    assert [countdown(ms) for ms in (83_000, 82_001, 0, -1, -42_000)] == [
        "1:23",
        "1:23",
        "0:00",
        "-0:01",
        "-0:42",
    ]


def test_duration_counts_whole_seconds_up_with_hours_when_needed():
    assert [duration(ms) for ms in (250_999, 0, -5, 3_723_000)] == [
        "4:10",
        "0:00",
        "0:00",
        "1:02:03",
    ]


def test_elapsed_always_shows_hours():
    assert [elapsed(ms) for ms in (2_537_000, 0, 36_000_000)] == ["0:42:17", "0:00:00", "10:00:00"]
