"""Wall-clock milliseconds and their RFC 3339 form; the core never reads a clock itself."""

from __future__ import annotations

from datetime import UTC, datetime


def rfc3339(ms: int) -> str:
    """`1732472409123` -> `2024-11-24T18:20:09.123Z`."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def parse_rfc3339(text: str) -> int:
    """The inverse of `rfc3339`, for any RFC 3339 timestamp with an offset or `Z`."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return round(moment.timestamp() * 1000)
