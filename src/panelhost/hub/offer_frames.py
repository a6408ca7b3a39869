"""The frames offers and follow-ups cause: offers to everyone, follow-ups to hosts only."""

from __future__ import annotations

from collections.abc import Iterator

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core.model import State
from panelhost.hub.frame_audience import ALL, HOSTS, Audience


def frames(
    offers: set[int], follow_ups: set[int], state: State, seq: int
) -> Iterator[tuple[Audience, bytes]]:
    for offer_id in sorted(offers):
        offer = state.offers[offer_id]
        change = p.OfferChanged(seq=seq, offer=views.offer(offer), removed=offer.removed)
        yield ALL, p.encode(change)
    for follow_up_id in sorted(follow_ups):
        follow_up = views.follow_up(state.follow_ups[follow_up_id])
        yield HOSTS, p.encode(p.FollowUpChanged(seq=seq, follow_up=follow_up))
