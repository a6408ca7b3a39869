"""The session state: plain mutable records, built and changed only by `apply`."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Literal

from panelhost.core.followup_model import FollowUp, Offer
from panelhost.core.visibility import EVERYONE, visible_to
from panelhost.core.vocabulary import QuestionStatus, Role, Settings

ASK_WINDOW_MS = 60_000


@dataclass(slots=True)
class Identity:
    """A participant or host identity; survives reconnects through its resume token."""

    id: str
    role: Role
    name: str
    token_hash: str | None
    ask_times: list[int] = field(default_factory=list)
    """When this identity's recent questions were created (for the per-minute limit)."""
    nonces: dict[str, int] = field(default_factory=dict)
    """`ask` nonce -> question id, so a resent ask creates nothing."""


@dataclass(slots=True)
class Question:
    id: int
    text: str
    author_id: str | None
    author_name: str | None
    status: QuestionStatus
    asked_at: int
    panelist_id: int | None = None
    voters: set[str] = field(default_factory=set)
    answered_at: int | None = None
    asked_early: bool = False
    """Asked while the session was open for questions, before the panel went live."""

    @property
    def votes(self) -> int:
        return len(self.voters)

    @property
    def public(self) -> bool:
        """Everyone may see it (`core.visibility`)."""
        return visible_to(self, EVERYONE)


@dataclass(slots=True)
class Panelist:
    id: int
    name: str
    title: str | None
    removed: bool = False
    spoken_ms: int = 0
    """Speaking time in closed segments; the open one is added by `spoken_ms_at`."""
    answers: int = 0


@dataclass(slots=True)
class Segment:
    """One stretch of a panelist's timer running: that panelist's speaking time."""

    panelist_id: int
    question_id: int | None
    start: int
    end: int | None = None


@dataclass(slots=True)
class Timer:
    state: Literal["idle", "running", "paused"] = "idle"
    panelist_id: int | None = None
    duration_ms: int = 0
    remaining_ms: int = 0
    """Remaining at `anchor` when running; remaining now when paused or idle."""
    anchor: int = 0

    def remaining_at(self, now: int) -> int:
        if self.state == "running":
            return self.remaining_ms - (now - self.anchor)
        return self.remaining_ms


@dataclass(slots=True)
class Note:
    id: int
    question_id: int | None
    text: str
    at: int


@dataclass(slots=True)
class State:
    """Everything a session is. Mutated in place by `apply`; `copy()` for a checkpoint."""

    session_id: str = ""
    title: str = ""
    status: Literal["open_for_questions", "live", "ended"] = "live"
    started_at: int = 0
    opened_at: int | None = None
    """When a session that opened early for questions was created; `started_at` is then
    when its panel went live (None: live from its start)."""
    ended_at: int | None = None
    code: str | None = None
    key_hash: str | None = None
    settings: Settings = field(default_factory=Settings)
    seq: int = 0
    identities: dict[str, Identity] = field(default_factory=dict)
    token_index: dict[str, str] = field(default_factory=dict)
    """token hash -> identity id."""
    questions: dict[int, Question] = field(default_factory=dict)
    panelists: dict[int, Panelist] = field(default_factory=dict)
    now_question_id: int | None = None
    now_panelist_id: int | None = None
    timer: Timer = field(default_factory=Timer)
    segments: list[Segment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    offers: dict[int, Offer] = field(default_factory=dict)
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)
    """Hosts only: every view but a host's leaves them out (core/offers.py)."""

    def copy(self) -> State:
        return copy.deepcopy(self)

    def active_panelists(self) -> list[Panelist]:
        return [p for p in self.panelists.values() if not p.removed]

    def open_segment(self) -> Segment | None:
        if self.segments and self.segments[-1].end is None:
            return self.segments[-1]
        return None

    def spoken_ms_at(self, panelist: Panelist, now: int) -> int:
        """A panelist's speaking time including the segment still running at `now`."""
        segment = self.open_segment()
        if segment is not None and segment.panelist_id == panelist.id:
            return panelist.spoken_ms + max(0, now - segment.start)
        return panelist.spoken_ms

    def next_question_id(self) -> int:
        return len(self.questions) + 1

    def next_panelist_id(self) -> int:
        return len(self.panelists) + 1

    def next_note_id(self) -> int:
        return len(self.notes) + 1
