"""The wire protocol v1: every message as a msgspec Struct, and encode/decode.

The requests and the records of the session's state are the core's own
(`core/requests.py`, `core/shapes.py`, `core/vocabulary.py`), reused here as they are;
this module adds what only the wire has: the hub's messages and the codec.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import Struct

# The requests, the state's records and the words are the core's: re-exported as they are.
from panelhost.core.requests import *  # noqa: F403
from panelhost.core.requests import Request
from panelhost.core.shapes import *  # noqa: F403
from panelhost.core.shapes import (
    FollowUp,
    Note,
    Offer,
    Panelist,
    Question,
    SessionInfo,
    Snapshot,
    Timer,
    You,
)
from panelhost.core.vocabulary import *  # noqa: F403
from panelhost.core.vocabulary import ErrorCode, Settings

PROTOCOL_VERSION = 1
REVISION = 3
"""The revision this build speaks; a hello says it so the hub may send revision-3 shapes."""


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
