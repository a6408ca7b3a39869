"""What a client is shown of the session: the records of a `welcome` and of the changes.

`views.py` builds them from the state for each role; the wire (`protocol.py`) sends them
as they are. They are plain records a client's mirror keeps (and updates) as it goes.
"""

from __future__ import annotations

from msgspec import Struct

from panelhost.core.vocabulary import QuestionStatus, Role, SessionStatus, Settings, TimerState

__all__ = [
    "FollowUp",
    "Note",
    "Now",
    "Offer",
    "Panelist",
    "Question",
    "SessionInfo",
    "Snapshot",
    "Timer",
    "You",
]


class SessionInfo(Struct, kw_only=True):
    """The session's identity and lifecycle."""

    id: str
    title: str
    status: SessionStatus
    started_at: str
    ended_at: str | None = None


class Panelist(Struct, kw_only=True):
    """A member of the panel. `spoken_ms` and `answers` are v1 additions (docs/protocol.md)."""

    id: int
    name: str
    title: str | None = None
    spoken_ms: int = 0
    answers: int = 0


class Question(Struct, kw_only=True):
    """A question as everyone sees it; `author` is null when anonymous."""

    id: int
    text: str
    author: str | None
    votes: int
    status: QuestionStatus
    asked_at: str
    panelist_id: int | None = None
    answered_at: str | None = None
    asked_early: bool = False
    """Asked before the panel went live (revision 3; older clients ignore it)."""


class Now(Struct, kw_only=True):
    """What is on stage."""

    question_id: int | None = None
    panelist_id: int | None = None


class Timer(Struct, kw_only=True):
    """The speaker timer; `remaining_ms` is the value when the message was sent."""

    state: TimerState = "idle"
    panelist_id: int | None = None
    duration_ms: int = 0
    remaining_ms: int = 0


class Note(Struct, kw_only=True):
    """A host's session note, bound to a question or general."""

    id: int
    question_id: int | None
    text: str
    at: str


class Offer(Struct, kw_only=True):
    """A panelist's offer, seen by everyone; `places_left` null when it has no limit."""

    id: int
    panelist_id: int
    text: str
    places: int | None = None
    places_left: int | None = None
    at: str


class FollowUp(Struct, kw_only=True):
    """A participant's follow-up with a panelist (on an offer or in general): hosts only."""

    id: int
    name: str
    panelist_id: int
    offer_id: int | None = None
    message: str
    email: str | None = None
    at: str
    withdrawn: bool = False


class Snapshot(Struct, kw_only=True, omit_defaults=True):
    """The whole state as one client may see it, sent in `welcome`."""

    session: SessionInfo
    settings: Settings
    panelists: list[Panelist]
    questions: list[Question]
    now: Now
    timer: Timer
    participants: int
    my_votes: list[int]
    my_questions: list[int]
    notes: list[Note]
    hosts: int | None = None
    """Host screens attached, hosts only (a panelhost extension: absent for everyone else)."""
    offers: list[Offer] = []
    """Revision 3: every offer not removed."""
    follow_ups: list[FollowUp] = []
    """Revision 3, hosts only (always empty for anyone else)."""
    my_follow_ups: list[int] = []
    """Revision 3: ids of my own follow-ups that are not withdrawn (no details echoed)."""


class You(Struct, kw_only=True):
    """The identity a `welcome` assigns."""

    id: str
    name: str
    role: Role
