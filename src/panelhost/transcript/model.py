"""The transcript format v1 as msgspec Structs (docs/transcripts.md documents every field)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from msgspec import Meta, Struct

from panelhost.core import events as ev
from panelhost.protocol import QuestionStatus, Settings

FORMAT: Final = "panelhost-transcript"
"""The value of `format` in every transcript."""

VERSION = "1.3"
"""`major.minor`: a reader refuses another major and ignores fields a newer minor adds."""

MAJOR = 1

TimelineEvent = (
    ev.SessionCreated
    | ev.QuestionAsked
    | ev.VoteAdded
    | ev.VoteRemoved
    | ev.QuestionWithdrawn
    | ev.QuestionApproved
    | ev.QuestionDismissed
    | ev.QuestionRestored
    | ev.QuestionEdited
    | ev.QuestionAnswered
    | ev.QuestionReopened
    | ev.NowSet
    | ev.TimerStarted
    | ev.TimerPaused
    | ev.TimerResumed
    | ev.TimerReset
    | ev.TimerAdjusted
    | ev.PanelistAdded
    | ev.PanelistRemoved
    | ev.NoteTaken
    | ev.SettingsChanged
    | ev.SessionEnded
    | ev.SessionWentLive
    | ev.OfferMade
    | ev.OfferRemoved
)
"""Every core event a transcript may hold: never `identity_created` (nor any event that is
not listed here: the sanitizer drops it)."""


class SessionRecord(Struct, kw_only=True):
    """The session's metadata. Times are Unix epoch milliseconds (UTC), as in the events."""

    id: str
    title: str
    """The final title (a `settings_changed` event may have renamed the session)."""
    started_at: int
    ended_at: int | None
    """None when the session never ended cleanly (a transcript recovered from a journal)."""
    last_event_at: int
    """Time of the last event: the end of the replay timeline."""
    duration_ms: int
    """`ended_at` (or `last_event_at`) minus `started_at`."""
    settings: Settings
    """The final settings."""
    participants: int
    """How many participant identities joined (a count only: nobody is named)."""
    partial: str | None = None
    """Why the transcript is incomplete (rebuilt from the events before a corrupt journal
    line); None for a whole one. New in 1.1."""
    opened_at: int | None = None
    """When a session that opened early for questions was created; `started_at` is then
    when its panel went live. None: live from its start. New in 1.2."""


class PanelistRecord(Struct, kw_only=True):
    """A member of the panel, including those removed during the session."""

    id: int
    name: str
    title: str | None
    removed: bool
    spoken_ms: int
    """Total of the panelist's closed speaking segments."""
    answers: int
    """How many times the panelist was put on stage with a question."""


class StatusChange(Struct, kw_only=True):
    """One change of a question's status: the event that caused it, when, and the new status."""

    seq: int
    at: int
    status: QuestionStatus


class QuestionRecord(Struct, kw_only=True):
    """A question's final state and the history of its status."""

    id: int
    text: str
    """The final text (after any host edit)."""
    author: str | None
    """The author's display name; None when asked anonymously (or by a host-side tool)."""
    status: QuestionStatus
    votes: int
    asked_at: int
    answered_at: int | None
    panelist_id: int | None
    """The panelist the question was addressed to, if any."""
    answered_by: list[int]
    """Panelists put on stage with this question, in order, without repeats."""
    spoken_ms: int
    """Speaking time (closed timer segments) recorded while this question was on stage."""
    history: list[StatusChange]
    asked_early: bool = False
    """Asked while the session was open for questions, before the panel. New in 1.2."""


class NoteRecord(Struct, kw_only=True):
    """A host's note, about one question or (question_id None) the session in general."""

    id: int
    question_id: int | None
    text: str
    at: int


class OfferRecord(Struct, kw_only=True):
    """A panelist's offer (new in 1.2). Who followed up on it is never in a transcript."""

    id: int
    panelist_id: int
    text: str
    places: int | None
    at: int
    removed: bool


class SegmentRecord(Struct, kw_only=True):
    """One stretch of a panelist's timer running, with the question on stage when it started."""

    panelist_id: int
    question_id: int | None
    start: int
    end: int | None
    """None when the segment was still open when the timeline stops."""


class Transcript(Struct, kw_only=True):
    """A whole session: summary records for readers, and the sanitized event timeline."""

    format: Literal["panelhost-transcript"]
    version: Annotated[str, Meta(pattern=r"^1\.[0-9]+$")]
    """`1.MINOR`; readers of 1.x ignore fields they do not know."""
    session: SessionRecord
    panelists: list[PanelistRecord]
    questions: list[QuestionRecord]
    notes: list[NoteRecord]
    segments: list[SegmentRecord]
    offers: list[OfferRecord] = []
    """New in 1.2."""
    events: list[TimelineEvent]
    """Folding these with `panelhost.core.fold` replays the session; keep this field last."""
