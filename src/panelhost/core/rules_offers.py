"""The rules of a session's life around the panel: going live, offers and follow-ups.

What they decide is `early.py`'s and `offers.py`'s; these turn it into a decision.
"""

from __future__ import annotations

from collections.abc import Callable

from panelhost.core import early, offers
from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core.decision import Context, Decision, Rejected, handle, one


@handle.register
def _(request: p.GoLive, ctx: Context) -> Decision:
    event = early.go_live(ctx.state, ctx.now)
    return Rejected("invalid_state", event) if isinstance(event, str) else one(event)


def _offers(rule: Callable[..., ev.Event], *args: object) -> Decision:
    """Run one of core/offers.py's rules; its refusal becomes a `Rejected`."""
    try:
        event = rule(*args)
    except offers.Refusal as refusal:
        return Rejected(refusal.code, refusal.message)  # type: ignore[arg-type]
    return one(event, offers.new_id(event))


@handle.register
def _(request: p.OfferRequest, ctx: Context) -> Decision:
    args = (request.panelist_id, request.text, request.places)
    return _offers(offers.make_offer, ctx.state, ctx.now, *args)


@handle.register
def _(request: p.OfferRemove, ctx: Context) -> Decision:
    return _offers(offers.remove_offer, ctx.state, ctx.now, request.offer_id)


@handle.register
def _(request: p.FollowUpRequest, ctx: Context) -> Decision:
    args = (request.offer_id, request.panelist_id, request.message, request.email)
    return _offers(offers.ask_follow_up, ctx.state, ctx.now, ctx.actor.id or "", *args)


@handle.register
def _(request: p.FollowUpWithdraw, ctx: Context) -> Decision:
    args = (ctx.actor.id or "", request.follow_up_id)
    return _offers(offers.withdraw_follow_up, ctx.state, ctx.now, *args)
