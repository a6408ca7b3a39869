"""Events: the journaled facts of a session. State is always the fold of its events."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

from panelhost.core.vocabulary import Role, Settings

EVENT_SCHEMA = 2
"""The shape of events as written now; `core/upcast.py` reads every older one.

1: every journal before the schema had a number (no `schema` in `session_created`).
2: `session_created` says `schema`. Bump it, and add a step to `core/upcast.py`, with any
change a reader of the old shape would misread.
"""


class Event(Struct, kw_only=True, tag_field="type", frozen=True):
    """Base of every event: its journal sequence number and wall-clock time in ms.

    Frozen: an event is a fact, journaled as it was decided; folding never changes it.
    """

    seq: int
    at: int


class SessionCreated(Event, tag="session_created", frozen=True):
    session_id: str
    title: str
    settings: Settings
    code: str | None = None
    """The join code; kept in the journal, never in a transcript."""
    key_hash: str | None = None
    """SHA-256 of the host key, so a resume with the wrong key file is refused."""
    opens_early: bool = False
    """Created open for questions: nothing goes on stage until `SessionWentLive`."""
    schema: int = EVENT_SCHEMA
    """The event schema every event of this session is written in (absent before 2)."""


class IdentityCreated(Event, tag="identity_created", frozen=True):
    identity_id: str
    role: Role
    name: str
    token_hash: str | None = None


class QuestionAsked(Event, tag="question_asked", frozen=True):
    question_id: int
    text: str
    status: Literal["pending", "open"]
    author_id: str | None
    author_name: str | None
    """None when the question is anonymous."""
    panelist_id: int | None = None
    nonce: str | None = None


class VoteAdded(Event, tag="vote_added", frozen=True):
    question_id: int
    voter_id: str


class VoteRemoved(Event, tag="vote_removed", frozen=True):
    question_id: int
    voter_id: str


class QuestionWithdrawn(Event, tag="question_withdrawn", frozen=True):
    question_id: int


class QuestionApproved(Event, tag="question_approved", frozen=True):
    question_id: int


class QuestionDismissed(Event, tag="question_dismissed", frozen=True):
    question_id: int


class QuestionRestored(Event, tag="question_restored", frozen=True):
    question_id: int


class QuestionEdited(Event, tag="question_edited", frozen=True):
    question_id: int
    text: str


class QuestionAnswered(Event, tag="question_answered", frozen=True):
    question_id: int


class QuestionReopened(Event, tag="question_reopened", frozen=True):
    question_id: int


class NowSet(Event, tag="now_set", frozen=True):
    question_id: int | None
    panelist_id: int | None


class TimerStarted(Event, tag="timer_started", frozen=True):
    panelist_id: int | None
    duration_ms: int


class TimerPaused(Event, tag="timer_paused", frozen=True):
    pass


class TimerResumed(Event, tag="timer_resumed", frozen=True):
    pass


class TimerReset(Event, tag="timer_reset", frozen=True):
    to_nobody: bool = False
    """The timer also names nobody: its answer ended with its question leaving the stage.

    Added in protocol revision 2; older journals never set it and fold as they did.
    """


class TimerAdjusted(Event, tag="timer_adjusted", frozen=True):
    delta_ms: int


class PanelistAdded(Event, tag="panelist_added", frozen=True):
    panelist_id: int
    name: str
    title: str | None = None


class PanelistRemoved(Event, tag="panelist_removed", frozen=True):
    panelist_id: int


class NoteTaken(Event, tag="note_taken", frozen=True):
    note_id: int
    question_id: int | None
    text: str


class SettingsChanged(Event, tag="settings_changed", frozen=True):
    title: str | None = None
    moderation: bool | None = None
    anonymous_allowed: bool | None = None
    answer_seconds: int | None = None


class SessionEnded(Event, tag="session_ended", frozen=True):
    pass


class SessionWentLive(Event, tag="session_went_live", frozen=True):
    """A session that opened early for questions starts its panel."""


class OfferMade(Event, tag="offer_made", frozen=True):
    offer_id: int
    panelist_id: int
    text: str
    places: int | None = None


class OfferRemoved(Event, tag="offer_removed", frozen=True):
    offer_id: int


class FollowUpAsked(Event, tag="follow_up_asked", frozen=True):
    """Private: hosts only; never in a transcript, and blanked by `--forget-contacts`."""

    follow_up_id: int
    identity_id: str
    panelist_id: int
    offer_id: int | None
    message: str
    email: str | None = None


class FollowUpWithdrawn(Event, tag="follow_up_withdrawn", frozen=True):
    follow_up_id: int


AnyEvent = (
    SessionCreated
    | IdentityCreated
    | QuestionAsked
    | VoteAdded
    | VoteRemoved
    | QuestionWithdrawn
    | QuestionApproved
    | QuestionDismissed
    | QuestionRestored
    | QuestionEdited
    | QuestionAnswered
    | QuestionReopened
    | NowSet
    | TimerStarted
    | TimerPaused
    | TimerResumed
    | TimerReset
    | TimerAdjusted
    | PanelistAdded
    | PanelistRemoved
    | NoteTaken
    | SettingsChanged
    | SessionEnded
    | SessionWentLive
    | OfferMade
    | OfferRemoved
    | FollowUpAsked
    | FollowUpWithdrawn
)
"""Every event, as one tagged union on `type` (the journal's line format)."""

QUESTION_EVENTS = (
    QuestionAsked,
    QuestionWithdrawn,
    QuestionApproved,
    QuestionDismissed,
    QuestionRestored,
    QuestionEdited,
    QuestionAnswered,
    QuestionReopened,
)
TIMER_EVENTS = (TimerStarted, TimerPaused, TimerResumed, TimerReset, TimerAdjusted)
