"""Making participant text plain for exports, and formatting wall-clock times for people."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from panelhost.core.text import normalize

_TERMINAL_ESCAPES = re.compile(
    r"""
      \x1b\[[0-?]*[\x20-/]*[@-~]?              # CSI: colours, cursor moves, ...
    | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # OSC: titles, hyperlinks, clipboard
    | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?    # DCS, SOS, PM, APC strings
    | \x1b[\x20-/]*[0-~]?                       # other escapes (charset switches, ...)
    | \x9b[0-?]*[\x20-/]*[@-~]?                 # 8-bit CSI
    | [\x90\x98\x9d-\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # 8-bit string commands
    """,
    re.VERBOSE,
)


def plain(text: str) -> str:
    """One line of plain text: terminal escapes stripped, then normalised as the hub does."""
    return normalize(_TERMINAL_ESCAPES.sub("", text))


_SPREADSHEET_FORMULA = ("=", "+", "-", "@")


def csv_cell(text: str) -> str:
    """Plain text for a CSV cell; a leading formula character is quoted with `'`."""
    cleaned = plain(text)
    if cleaned.startswith(_SPREADSHEET_FORMULA):
        return "'" + cleaned
    return cleaned


def moment(ms: int, zone: tzinfo | None = None) -> str:
    """A wall-clock time as `2025-11-24 18:20 UTC+01:00` in `zone` (local time when None)."""
    when = _local(ms, zone)
    return when.strftime("%Y-%m-%d %H:%M ") + _zone_label(when)


def clock(ms: int, day_of: int, zone: tzinfo | None = None) -> str:
    """`18:20 UTC+01:00`, with the date in front when it is not the day of `day_of`."""
    when = _local(ms, zone)
    day = "" if when.date() == _local(day_of, zone).date() else when.strftime("%Y-%m-%d ")
    return day + when.strftime("%H:%M ") + _zone_label(when)


def _local(ms: int, zone: tzinfo | None) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone)


def _zone_label(when: datetime) -> str:
    offset = when.strftime("%z")
    return "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
