"""What a link tells its listeners: one frozen event per thing that happened.

A listener is called as `listener(link, event)` on the event loop, after the link's state
(status, mirror) already says it; the event carries what the listener would otherwise
have to read at that moment (the change frame, the hub's error). Match on the type::

    def heard(link: Link, event: LinkEvent) -> None:
        match event:
            case MirrorChanged(change=p.Votes() as votes): ...
            case StatusChanged(status="reconnecting"): ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from panelhost import protocol as p

LinkStatus = Literal[
    "connecting",
    "connected",
    "reconnecting",
    "ended",
    "refused",
    "replaced",
    "unreachable",
    "closed",
]
"""A link's status (docs/clients.md says what each means); link_state.py reads it."""


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """The link's status moved (`link.status` is already `status`)."""

    status: LinkStatus
    reason: str | None
    """One sentence: why it stopped or is reconnecting (None once connected)."""


@dataclass(frozen=True, slots=True)
class AsksWaiting:
    """The asks waiting for the link to be back changed (`link.queued_asks`)."""

    count: int


@dataclass(frozen=True, slots=True)
class Welcomed:
    """A welcome loaded the mirror: the first join (`count` 1) or a resync after a
    reconnect (2 and up; `link.welcomes`)."""

    count: int

    @property
    def resync(self) -> bool:
        return self.count > 1


@dataclass(frozen=True, slots=True)
class MirrorChanged:
    """The mirror changed: by the change frame `change`, or (None) by the answer to one of
    our own requests (a vote, an ask: `my_votes`, `my_questions` followed)."""

    change: p.Change | None


@dataclass(frozen=True, slots=True)
class Notice:
    """An error from the hub that answered no request of ours (also `link.notice`)."""

    error: p.Error


LinkEvent = StatusChanged | AsksWaiting | Welcomed | MirrorChanged | Notice
"""Everything a link tells its listeners."""
