"""Offers in words, the same on every terminal screen and in the line client."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import printable


def places_words(offer: p.Offer) -> str:
    """`2 of 3 places left`, `no places left`, or empty when the offer has no limit."""
    if offer.places is None or offer.places_left is None:
        return ""
    if offer.places_left == 0:
        return "no places left"
    return f"{offer.places_left} of {offer.places} place{'s' if offer.places != 1 else ''} left"


def offer_line(mirror: Mirror, offer: p.Offer) -> str:
    """`Offer 1, Dr. Rivera: read three personal statements (2 of 3 places left)`."""
    panelist = mirror.panelist(offer.panelist_id)
    who = printable(panelist.name) if panelist is not None else f"panelist {offer.panelist_id}"
    places = places_words(offer)
    return f"Offer {offer.id}, {who}: {printable(offer.text)}" + (f" ({places})" if places else "")


def offer_lines(mirror: Mirror) -> list[str]:
    """Every offer, oldest first."""
    return [offer_line(mirror, mirror.offers[i]) for i in sorted(mirror.offers)]
