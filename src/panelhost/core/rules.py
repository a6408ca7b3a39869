"""`decide(state, actor, request, now)`: which events a request causes, or why it is refused.

Who may ask for what is decided here; what each request does is its rule's, in
`rules_questions.py`, `rules_stage.py`, `rules_session.py` and `rules_offers.py`
(imported for their rules).
"""

from __future__ import annotations

from panelhost.core import early, rules_offers, rules_questions, rules_session, rules_stage
from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core.decision import (
    Accepted,
    Actor,
    Context,
    Decision,
    Rejected,
    clean_text,
    handle,
)
from panelhost.core.model import State
from panelhost.core.rules_questions import ASKS_PER_MINUTE
from panelhost.core.rules_session import TITLE_MAX
from panelhost.core.vocabulary import Role

__all__ = [
    "ASKS_PER_MINUTE",
    "NAME_MAX",
    "PARTICIPANT_REQUESTS",
    "TITLE_MAX",
    "Accepted",
    "Actor",
    "Decision",
    "Rejected",
    "clean_text",
    "create_identity",
    "decide",
]

_RULES = (rules_offers, rules_questions, rules_session, rules_stage)
"""Imported for the rules they register with `handle`."""

NAME_MAX = 40

PARTICIPANT_REQUESTS = (p.Ask, p.Vote, p.Unvote, p.Withdraw, p.FollowUpRequest, p.FollowUpWithdraw)
"""Requests a participant may send; everything else but `hello` is for hosts."""

_HOST_ONLY = {
    p.Approve: "approve",
    p.Dismiss: "dismiss",
    p.Restore: "restore",
    p.Edit: "edit",
    p.SetNow: "set now",
    p.MarkAnswered: "mark answered",
    p.Reopen: "reopen",
    p.TimerRequest: "timer",
    p.PanelistAdd: "panelist add",
    p.PanelistRemove: "panelist remove",
    p.NoteRequest: "note",
    p.SettingsRequest: "settings",
    p.End: "end",
    p.GoLive: "go live",
    p.OfferRequest: "offer",
    p.OfferRemove: "offer remove",
}
"""What a participant is told only a host may do, per request (PROTOCOL.md's names)."""


def decide(state: State, actor: Actor, request: p.Request, now: int) -> Decision:
    """Decide `request` from `actor` against `state` at wall-clock `now` (ms)."""
    if isinstance(request, p.Hello):
        return Rejected("bad_request", "already joined: hello is only the first message")
    if actor.role == "viewer":
        return Rejected(
            "forbidden", "a room screen is read-only; join as a participant to ask or vote"
        )
    if state.status == "ended":
        return Rejected("session_ended", "the session has ended")
    if actor.role != "host" and not isinstance(request, PARTICIPANT_REQUESTS):
        return Rejected("forbidden", f"only a host may {_HOST_ONLY[type(request)]}")
    if isinstance(request, _WAITS_FOR_PANEL) and early.before_panel(state):
        return Rejected("invalid_state", early.WAIT_FOR_PANEL)
    return handle(request, Context(state, actor, now))


_WAITS_FOR_PANEL = (p.SetNow, p.TimerRequest, p.MarkAnswered, p.Reopen)
"""Requests that put something on stage, run a timer or answer: refused before the panel."""


def create_identity(
    state: State, identity_id: str, role: Role, name: str, token_hash: str | None, now: int
) -> ev.IdentityCreated:
    """The event that creates a new identity (the hub has already checked the hello)."""
    return ev.IdentityCreated(
        seq=state.seq + 1,
        at=now,
        identity_id=identity_id,
        role=role,
        name=name,
        token_hash=token_hash,
    )
