"""Durations as every view writes them: a countdown, a speaking time, an elapsed session."""

from __future__ import annotations


def countdown(ms: int) -> str:
    """`83_000` -> `"1:23"`, `-42_000` -> `"-0:42"`; whole seconds, rounded away from zero.

    Rounding up while counting down means "0:00" shows only at zero itself, and the first
    moment of overtime already reads "-0:01".
    """
    seconds = -(-abs(ms) // 1000)
    sign = "-" if ms < 0 else ""
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def duration(ms: int) -> str:
    """Time counted up, in whole seconds: `250_999` -> `"4:10"`, `h:mm:ss` from an hour on."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def elapsed(ms: int) -> str:
    """A session's elapsed time, always with hours: `2_537_000` -> `"0:42:17"`."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def spoken_duration(ms: int) -> str:
    """`150_000` -> `"2 minutes 30 seconds"`: for sentences read aloud (rounded up)."""
    seconds = -(-abs(ms) // 1000)
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if seconds or not minutes:
        parts.append(f"{seconds} second" + ("s" if seconds != 1 else ""))
    return " ".join(parts)
