"""Offers and follow-ups: the rules (places never oversubscribed) and folding their events.

A follow-up carries contact details a participant chose to give: only hosts ever see it.
"""

from __future__ import annotations

import re

from panelhost.core import events as ev
from panelhost.core.followup_model import FollowUp, Offer
from panelhost.core.model import State
from panelhost.core.text import normalize

OFFER_MAX = 300
PLACES_MAX = 1000
MESSAGE_MAX = 500
EMAIL_MAX = 254
FOLLOW_UPS_PER_IDENTITY = 20

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
"""The shape of an email address only (`name@host.tld`): nobody is sent anything."""


class Refusal(Exception):
    """A request these rules refuse: a protocol error code and what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _text(raw: str, limit: int, what: str, empty_ok: bool = False) -> str:
    text = normalize(raw)
    if not text and not empty_ok:
        raise Refusal("bad_request", f"{what} is empty; type some text")
    if len(text) > limit:
        raise Refusal("too_long", f"{what} is {len(text)} characters; shorten it to {limit}")
    return text


def _panelist(state: State, panelist_id: int) -> None:
    panelist = state.panelists.get(panelist_id)
    if panelist is None or panelist.removed:
        raise Refusal("not_found", f"there is no panelist {panelist_id}")


def _offer(state: State, offer_id: int) -> Offer:
    offer = state.offers.get(offer_id)
    if offer is None or offer.removed:
        raise Refusal("not_found", f"there is no offer {offer_id}")
    return offer


def make_offer(
    state: State, now: int, panelist_id: int, text: str, places: int | None
) -> ev.OfferMade:
    """A host records a panelist's offer, with an optional limit of places."""
    _panelist(state, panelist_id)
    cleaned = _text(text, OFFER_MAX, "the offer")
    if places is not None and not 1 <= places <= PLACES_MAX:
        raise Refusal("bad_request", f"places must be 1 to {PLACES_MAX}, or none for no limit")
    offer_id = len(state.offers) + 1
    return ev.OfferMade(
        seq=state.seq + 1,
        at=now,
        offer_id=offer_id,
        panelist_id=panelist_id,
        text=cleaned,
        places=places,
    )


def remove_offer(state: State, now: int, offer_id: int) -> ev.OfferRemoved:
    _offer(state, offer_id)
    return ev.OfferRemoved(seq=state.seq + 1, at=now, offer_id=offer_id)


def check_email(raw: str | None) -> str | None:
    """The address as given (trimmed), None when none; refused when it is not shaped like one."""
    if raw is None or not raw.strip():
        return None
    email = raw.strip()
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise Refusal("bad_request", f"{email[:40]!r} is not an email address (name@example.org)")
    return email


def ask_follow_up(
    state: State,
    now: int,
    identity_id: str,
    offer_id: int | None,
    panelist_id: int | None,
    message: str,
    email: str | None,
) -> ev.FollowUpAsked:
    """A participant asks to follow up: on an offer (taking one of its places) or generally."""
    mine = [f for f in state.follow_ups.values() if f.identity_id == identity_id]
    if offer_id is not None:
        offer = _offer(state, offer_id)
        if panelist_id is not None and panelist_id != offer.panelist_id:
            raise Refusal("bad_request", f"offer {offer_id} is another panelist's")
        if any(f.offer_id == offer_id and not f.withdrawn for f in mine):
            raise Refusal("invalid_state", f"you follow up on offer {offer_id} already")
        if offer.places_left == 0:
            raise Refusal("invalid_state", f"offer {offer_id} has no places left")
        panelist_id = offer.panelist_id
    elif panelist_id is None:
        raise Refusal("bad_request", "say which offer (offer_id) or which panelist (panelist_id)")
    else:
        _panelist(state, panelist_id)
    if len(mine) >= FOLLOW_UPS_PER_IDENTITY:
        raise Refusal("rate_limited", f"at most {FOLLOW_UPS_PER_IDENTITY} follow-ups each")
    return ev.FollowUpAsked(
        seq=state.seq + 1,
        at=now,
        follow_up_id=len(state.follow_ups) + 1,
        identity_id=identity_id,
        panelist_id=panelist_id,
        offer_id=offer_id,
        message=_text(message, MESSAGE_MAX, "the message", empty_ok=True),
        email=check_email(email),
    )


def withdraw_follow_up(
    state: State, now: int, identity_id: str, follow_up_id: int
) -> ev.FollowUpWithdrawn:
    follow_up = state.follow_ups.get(follow_up_id)
    if follow_up is None or follow_up.identity_id != identity_id:
        raise Refusal("not_found", f"you have no follow-up {follow_up_id}")
    if follow_up.withdrawn:
        raise Refusal("invalid_state", f"follow-up {follow_up_id} is withdrawn already")
    return ev.FollowUpWithdrawn(seq=state.seq + 1, at=now, follow_up_id=follow_up_id)


def new_id(event: ev.Event) -> int | None:
    """The id an `ok` carries for the event a rule made: a new offer's or follow-up's."""
    if isinstance(event, ev.OfferMade):
        return event.offer_id
    if isinstance(event, ev.FollowUpAsked):
        return event.follow_up_id
    return None


EVENTS = (ev.OfferMade, ev.OfferRemoved, ev.FollowUpAsked, ev.FollowUpWithdrawn)


def touched(offers: set[int], follow_ups: set[int], state: State, event: ev.Event) -> None:
    """Note which offers and follow-ups `event` changes (read before applying it, for
    core/delta.py): an offer whose places left change is seen changed by everyone."""
    if isinstance(event, ev.OfferMade | ev.OfferRemoved):
        offers.add(event.offer_id)
        return
    if isinstance(event, ev.FollowUpAsked):
        follow_ups.add(event.follow_up_id)
        offer_id = event.offer_id
    elif isinstance(event, ev.FollowUpWithdrawn):
        follow_ups.add(event.follow_up_id)
        offer_id = state.follow_ups[event.follow_up_id].offer_id
    else:
        return
    offer = state.offers.get(offer_id or 0)
    if offer is not None and offer.places is not None:
        offers.add(offer.id)


# -- folding ------------------------------------------------------------------------------


def apply_offer(state: State, event: ev.OfferMade | ev.OfferRemoved) -> None:
    if isinstance(event, ev.OfferMade):
        state.offers[event.offer_id] = Offer(
            event.offer_id, event.panelist_id, event.text, event.places, event.at
        )
    else:
        state.offers[event.offer_id].removed = True


def apply_follow_up(state: State, event: ev.FollowUpAsked | ev.FollowUpWithdrawn) -> None:
    if isinstance(event, ev.FollowUpAsked):
        identity = state.identities.get(event.identity_id)
        state.follow_ups[event.follow_up_id] = FollowUp(
            id=event.follow_up_id,
            identity_id=event.identity_id,
            name=identity.name if identity is not None else "",
            panelist_id=event.panelist_id,
            offer_id=event.offer_id,
            message=event.message,
            email=event.email,
            at=event.at,
        )
        offer = state.offers.get(event.offer_id or 0)
    else:
        follow_up = state.follow_ups[event.follow_up_id]
        follow_up.withdrawn = True
        offer = state.offers.get(follow_up.offer_id or 0)
    if offer is not None:
        offer.taken += 1 if isinstance(event, ev.FollowUpAsked) else -1
