"""The core's words: roles, statuses, error codes and the session's settings.

The wire (`protocol.py`) reuses these; the core never reads the wire's. `Settings` is
frozen: it is state, an event's payload and a welcome's field at once, and no copy is
needed when nobody can change it in place.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

__all__ = [
    "ErrorCode",
    "QuestionStatus",
    "Role",
    "SessionStatus",
    "Settings",
    "TimerAction",
    "TimerState",
]

Role = Literal["participant", "host", "viewer"]
QuestionStatus = Literal["pending", "open", "answering", "answered", "dismissed"]
TimerState = Literal["idle", "running", "paused"]
TimerAction = Literal["start", "pause", "resume", "reset", "add"]
SessionStatus = Literal["open_for_questions", "live", "ended"]
"""`open_for_questions`: a session opened early, before its panel (protocol revision 3)."""

ErrorCode = Literal[
    "bad_request",
    "unsupported_protocol",
    "session_ended",
    "bad_code",
    "bad_key",
    "bad_token",
    "server_full",
    "forbidden",
    "not_found",
    "invalid_state",
    "too_long",
    "rate_limited",
    "unavailable",
]


class Settings(Struct, kw_only=True, frozen=True):
    """Settings a host may change while the session runs (`max_question_chars` is fixed)."""

    moderation: bool = False
    anonymous_allowed: bool = True
    max_question_chars: int = 300
    answer_seconds: int = 120
