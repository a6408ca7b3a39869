"""Offers a panelist makes and the follow-ups participants ask for: records built by `apply`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Offer:
    """A panelist's offer ("happy to read three personal statements"), seen by everyone."""

    id: int
    panelist_id: int
    text: str
    places: int | None
    """How many students it can take; None: no limit."""
    at: int
    removed: bool = False
    taken: int = 0
    """Follow-ups on it that are not withdrawn: the places taken."""

    @property
    def places_left(self) -> int | None:
        return None if self.places is None else max(0, self.places - self.taken)


@dataclass(slots=True)
class FollowUp:
    """A participant's wish to follow up, with the contact they chose to give: hosts only."""

    id: int
    identity_id: str
    name: str
    panelist_id: int
    offer_id: int | None
    message: str
    email: str | None
    at: int
    withdrawn: bool = False
