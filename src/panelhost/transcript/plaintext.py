"""Making participant text safe for exports, and formatting times and durations for people."""

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


_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#|!~&$])")
_LINE_START_ACTIVE = re.compile(r"^([-+=]|\d+(?=[.)]))")


def markdown(text: str) -> str:
    """`text` as inert Markdown: no emphasis, links, HTML, entities, headings or list starts."""
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", plain(text))
    return _LINE_START_ACTIVE.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    token = match.group(1)
    if token.isdigit():
        return token + "\\"  # `1.` starts a list, `1\.` does not; the dot follows
    return "\\" + token


_SPREADSHEET_FORMULA = ("=", "+", "-", "@")


def csv_cell(text: str) -> str:
    """Plain text for a CSV cell; a leading formula character is quoted with `'`."""
    cleaned = plain(text)
    if cleaned.startswith(_SPREADSHEET_FORMULA):
        return "'" + cleaned
    return cleaned


def moment(ms: int, zone: tzinfo | None = None) -> str:
    """A wall-clock time as `2025-11-24 18:20 UTC+01:00` in `zone` (local time when None)."""
    when = datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone)
    offset = when.strftime("%z")
    label = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return when.strftime("%Y-%m-%d %H:%M ") + label
