"""The wire protocol v1: every message as a msgspec Struct, and encode/decode."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

PROTOCOL_VERSION = 1
REVISION = 3
"""The revision this build speaks; a hello says it so the hub may send revision-3 shapes."""

WireInt = Annotated[int, Meta(ge=-(2**63), le=2**63 - 1)]
"""An integer in a request: 64-bit signed, so `2**70` is a `bad_request`, not a big int."""

Ref = Annotated[str, Meta(max_length=64)] | WireInt | None
"""A request's `ref`: a client-chosen string of at most 64 characters or an integer."""

Role = Literal["participant", "host", "viewer"]
QuestionStatus = Literal["pending", "open", "answering", "answered", "dismissed"]
TimerState = Literal["idle", "running", "paused"]
TimerAction = Literal["start", "pause", "resume", "reset", "add"]
SessionStatus = Literal["open_for_questions", "live", "ended"]
"""`open_for_questions`: a session opened early (docs/protocol.md, revision 3)."""

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


# -- shared pieces of state ------------------------------------------------------------------


class SessionInfo(Struct, kw_only=True):
    """The session's identity and lifecycle."""

    id: str
    title: str
    status: SessionStatus
    started_at: str
    ended_at: str | None = None


class Settings(Struct, kw_only=True):
    """Settings a host may change while the session runs (`max_question_chars` is fixed)."""

    moderation: bool = False
    anonymous_allowed: bool = True
    max_question_chars: int = 300
    answer_seconds: int = 120


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


# -- client to hub ---------------------------------------------------------------------------


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

PARTICIPANT_REQUESTS = (Ask, Vote, Unvote, Withdraw, FollowUpRequest, FollowUpWithdraw)
"""Requests a participant may send; everything else but `hello` is for hosts."""


# -- hub to client ---------------------------------------------------------------------------


class Welcome(Struct, kw_only=True, tag_field="type", tag="welcome"):
    protocol: int
    seq: int
    you: You
    token: str | None
    state: Snapshot


class Ok(Struct, kw_only=True, tag_field="type", tag="ok", omit_defaults=True):
    ref: str | int
    id: int | None = None


class Error(Struct, kw_only=True, tag_field="type", tag="error"):
    ref: str | int | None
    code: ErrorCode
    message: str


class _Change(Struct, kw_only=True, tag_field="type"):
    seq: int


class QuestionChanged(_Change, tag="question"):
    question: Question


class Removed(_Change, tag="removed"):
    id: int


class Votes(_Change, tag="votes"):
    counts: dict[str, int]


class NowChanged(_Change, tag="now"):
    question_id: int | None
    panelist_id: int | None


class TimerChanged(_Change, tag="timer"):
    timer: Timer


class Panel(_Change, tag="panel"):
    panelists: list[Panelist]


class Presence(_Change, tag="presence", omit_defaults=True):
    participants: int
    hosts: int | None = None
    """Host screens attached, sent to hosts only (a panelhost extension, docs/protocol.md)."""


class SessionChanged(_Change, tag="session"):
    session: SessionInfo
    settings: Settings


class NoteAdded(_Change, tag="note"):
    note: Note


class OfferChanged(_Change, tag="offer"):
    """An offer made, its places changed, or (`removed`) taken back: everyone (revision 3)."""

    offer: Offer
    removed: bool = False


class FollowUpChanged(_Change, tag="follow_up"):
    """A follow-up asked or withdrawn: hosts only (revision 3)."""

    follow_up: FollowUp


Change = (
    QuestionChanged
    | Removed
    | Votes
    | NowChanged
    | TimerChanged
    | Panel
    | Presence
    | SessionChanged
    | NoteAdded
    | OfferChanged
    | FollowUpChanged
)
ServerMessage = Welcome | Ok | Error | Change
"""Every message the hub may send."""


# -- encode / decode -------------------------------------------------------------------------


class DecodeError(Exception):
    """A frame that is not a valid message; carries what a `bad_request` error needs."""

    def __init__(self, message: str, ref: str | int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.ref = ref


class _RefOnly(Struct):
    ref: Any = None


_encoder = msgspec.json.Encoder()
_request_decoder = msgspec.json.Decoder(Request)
_ref_decoder = msgspec.json.Decoder(_RefOnly)
_server_decoder = msgspec.json.Decoder(ServerMessage)


def encode(message: Struct) -> bytes:
    """Encode any message as the UTF-8 JSON of one text frame."""
    return _encoder.encode(message)


def _salvage_ref(raw: bytes | str) -> str | int | None:
    """The `ref` of a frame that failed to decode, if it is itself valid."""
    try:
        ref = _ref_decoder.decode(raw).ref
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeError):
        return None
    if isinstance(ref, bool):
        return None
    if isinstance(ref, int) and -(2**63) <= ref < 2**63:
        return ref
    if isinstance(ref, str) and len(ref) <= 64:
        return ref
    return None


def decode_request(raw: bytes | str) -> Request:
    """Decode one client frame, or raise DecodeError with a precise message."""
    try:
        return _request_decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise DecodeError(_describe(exc), _salvage_ref(raw)) from None
    except msgspec.DecodeError as exc:
        raise DecodeError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise DecodeError("message nested too deeply") from None
    except UnicodeError:  # bytes that are not UTF-8, or a str holding lone surrogates
        raise DecodeError("not valid UTF-8 text") from None


def _describe(exc: msgspec.ValidationError) -> str:
    text = str(exc)
    if text.startswith("Object missing required field `type`"):
        return "every message needs a string field `type`"
    if text.startswith("Invalid value") and "`$.type`" in text:
        return f"unknown message type ({text})"
    if text.startswith("Expected `object`") and "at `$" not in text:
        return "a message must be a JSON object"
    return text


def decode_server(raw: bytes | str) -> ServerMessage:
    """Decode one hub frame (for clients); raises DecodeError on anything unexpected."""
    try:
        return _server_decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise DecodeError(str(exc)) from None


def schema() -> dict[str, Any]:
    """JSON Schema of both directions, generated from these types."""
    (request_schema, server_schema), components = msgspec.json.schema_components(
        [Request, ServerMessage], ref_template="#/$defs/{name}"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "panelhost wire protocol v1",
        "$defs": components,
        "properties": {"client_to_hub": request_schema, "hub_to_client": server_schema},
    }
