"""The core's words: roles, statuses and the session's settings. The wire reuses them."""

from __future__ import annotations

from typing import Literal

Role = Literal["participant", "host", "viewer"]
QuestionStatus = Literal["pending", "open", "answering", "answered", "dismissed"]
TimerState = Literal["idle", "running", "paused"]
SessionStatus = Literal["open_for_questions", "live", "ended"]
"""`open_for_questions`: a session opened early, before its panel (protocol revision 3)."""
