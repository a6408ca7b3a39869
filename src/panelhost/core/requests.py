"""What a client may ask of the session: every request `decide` answers, as the wire says it.

`protocol.py` decodes client frames into these; integers are bounded to 64 bits here, so
a `2**70` is a `bad_request` at the door, never a big int in the rules.
"""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

from panelhost.core.vocabulary import Role, TimerAction

__all__ = [
    "Approve",
    "Ask",
    "Dismiss",
    "Edit",
    "End",
    "FollowUpRequest",
    "FollowUpWithdraw",
    "GoLive",
    "Hello",
    "MarkAnswered",
    "NoteRequest",
    "OfferRemove",
    "OfferRequest",
    "PanelistAdd",
    "PanelistRemove",
    "Ref",
    "Reopen",
    "Request",
    "Restore",
    "SetNow",
    "SettingsRequest",
    "TimerRequest",
    "Unvote",
    "Vote",
    "WireInt",
    "Withdraw",
]

WireInt = Annotated[int, Meta(ge=-(2**63), le=2**63 - 1)]
"""An integer in a request: 64-bit signed, so `2**70` is a `bad_request`, not a big int."""

Ref = Annotated[str, Meta(max_length=64)] | WireInt | None
"""A request's `ref`: a client-chosen string of at most 64 characters or an integer."""


class _Request(Struct, kw_only=True, tag_field="type"):
    ref: Ref = None


class Hello(_Request, tag="hello"):
    protocol: WireInt
    role: Role
    code: str | None = None
    key: str | None = None
    name: str | None = None
    token: str | None = None
    revision: WireInt | None = None
    """The protocol revision the client knows (3 or more: it reads `open_for_questions`)."""


class Ask(_Request, tag="ask"):
    text: str
    anonymous: bool = False
    panelist_id: WireInt | None = None
    nonce: Annotated[str, Meta(max_length=64)] | None = None


class Vote(_Request, tag="vote"):
    question_id: WireInt


class Unvote(_Request, tag="unvote"):
    question_id: WireInt


class Withdraw(_Request, tag="withdraw"):
    question_id: WireInt


class Approve(_Request, tag="approve"):
    question_id: WireInt


class Dismiss(_Request, tag="dismiss"):
    question_id: WireInt


class Restore(_Request, tag="restore"):
    question_id: WireInt


class Edit(_Request, tag="edit"):
    question_id: WireInt
    text: str


class SetNow(_Request, tag="set_now"):
    question_id: WireInt | None = None
    panelist_id: WireInt | None = None
    timer: bool = True
    """With a panelist, start their answer timer in the same change (revision 2)."""
    seconds: WireInt | None = None
    """That timer's length, 1..86400 (default `answer_seconds`)."""


class MarkAnswered(_Request, tag="mark_answered"):
    question_id: WireInt


class Reopen(_Request, tag="reopen"):
    question_id: WireInt


class TimerRequest(_Request, tag="timer"):
    action: TimerAction
    seconds: WireInt | None = None
    panelist_id: WireInt | None = None


class PanelistAdd(_Request, tag="panelist_add"):
    name: str
    title: str | None = None


class PanelistRemove(_Request, tag="panelist_remove"):
    panelist_id: WireInt


class NoteRequest(_Request, tag="note"):
    text: str
    question_id: WireInt | None = None


class SettingsRequest(_Request, tag="settings"):
    title: str | None = None
    moderation: bool | None = None
    anonymous_allowed: bool | None = None
    answer_seconds: WireInt | None = None


class End(_Request, tag="end"):
    pass


class GoLive(_Request, tag="go_live"):
    """Start the panel of a session that opened early for questions (revision 3)."""


class OfferRequest(_Request, tag="offer"):
    """A host records a panelist's offer (revision 3); `places` 1..1000 or none."""

    panelist_id: WireInt
    text: str
    places: WireInt | None = None


class OfferRemove(_Request, tag="offer_remove"):
    offer_id: WireInt


class FollowUpRequest(_Request, tag="follow_up"):
    """A participant asks to follow up on an offer, or with a panelist (revision 3)."""

    offer_id: WireInt | None = None
    panelist_id: WireInt | None = None
    message: str = ""
    email: str | None = None


class FollowUpWithdraw(_Request, tag="follow_up_withdraw"):
    follow_up_id: WireInt


Request = (
    Hello
    | Ask
    | Vote
    | Unvote
    | Withdraw
    | Approve
    | Dismiss
    | Restore
    | Edit
    | SetNow
    | MarkAnswered
    | Reopen
    | TimerRequest
    | PanelistAdd
    | PanelistRemove
    | NoteRequest
    | SettingsRequest
    | End
    | GoLive
    | OfferRequest
    | OfferRemove
    | FollowUpRequest
    | FollowUpWithdraw
)
"""Every message a client may send."""
