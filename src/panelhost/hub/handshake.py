"""Whether a `hello` may join, checked in PROTOCOL.md's order; pure, so each rule is testable."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from panelhost import protocol as p
from panelhost.core import Rejected
from panelhost.core.model import State
from panelhost.core.rules import NAME_MAX, clean_text
from panelhost.hub import credentials
from panelhost.hub.config import Limits

GUESSES: frozenset[str] = frozenset(
    {"bad_request", "unsupported_protocol", "bad_code", "bad_key", "bad_token"}
)
"""The refusals that count against an address's guessing limit: a wrong secret or a hello
that is not one. A full room, a hub that cannot save, an ended session and the cap on new
names are not the client's guess: a hall behind one NAT that retries must not lock its
own host out."""


@dataclass(frozen=True, slots=True)
class Admission:
    """A hello that may join: as a known identity (resumed with its token) or a new one."""

    identity_id: str | None
    """None: a new identity (or a viewer) is to be made."""
    name: str
    token: str | None
    """The resume token presented, for a resumed identity."""


@dataclass(frozen=True, slots=True)
class Room:
    """What the checks need to know about the hub right now."""

    key: str
    code: str
    ended: bool
    journal_broken: bool
    participants: int
    viewers: int
    connected: Container[str]
    """Identity ids with a live connection (a resume of one of them is not a newcomer)."""


def check_hello(hello: p.Hello, state: State, room: Room, limits: Limits) -> Admission | Rejected:
    """Shape is already checked; then protocol, session, code or key, token, name, capacity."""
    if hello.protocol != p.PROTOCOL_VERSION:
        return Rejected(
            "unsupported_protocol",
            f"this hub speaks protocol {p.PROTOCOL_VERSION}; update your client",
        )
    if room.ended or state.status == "ended":
        return Rejected("session_ended", "the session has ended")
    if hello.role == "host":
        if hello.key is None or not credentials.secrets_match(hello.key, room.key):
            return Rejected("bad_key", "wrong host key; check the key file")
    elif hello.code is None or not credentials.codes_match(hello.code, room.code):
        return Rejected("bad_code", "wrong join code; check it with the host")
    identity = None
    if hello.token is not None and hello.role != "viewer":
        identity_id = state.token_index.get(credentials.digest(hello.token))
        identity = state.identities.get(identity_id or "")
        if identity is None or identity.role != hello.role:
            return Rejected("bad_token", "that resume token is not valid here; join afresh")
    if identity is not None:
        name = identity.name
    else:
        cleaned = clean_text(hello.name or "", NAME_MAX, "your name")
        if isinstance(cleaned, Rejected):
            if hello.role != "viewer" or hello.name:
                message = f"{cleaned.message}: give a name of 1 to {NAME_MAX} characters"
                return Rejected("bad_request", message)
            cleaned = "viewer"
        name = cleaned
    newcomer = identity is None or identity.id not in room.connected
    if hello.role == "participant" and newcomer and room.participants >= limits.max_participants:
        return Rejected("server_full", "the session is full; try again later")
    if hello.role == "viewer" and room.viewers >= limits.max_viewers:
        return Rejected("server_full", "too many room screens are connected; try again later")
    if room.journal_broken:
        return Rejected("unavailable", "the hub cannot save changes right now; try later")
    if identity is None:
        return Admission(None, name, None)
    return Admission(identity.id, name, hello.token)
