"""What a link is, as a UI reads it: whom it joins as, its status and mirror, and the
listeners it tells after every change, each with a typed event (`link_events.py`; `Link`
in link.py runs the connection)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from typing import Any, Self

from websockets.asyncio.client import ClientConnection

from panelhost import protocol as p
from panelhost.client.backoff import Backoff
from panelhost.client.inflight import InFlight
from panelhost.client.link_events import LinkEvent, LinkStatus, StatusChanged
from panelhost.client.mirror import Mirror

log = logging.getLogger("panelhost.client")

FINAL_STATUSES: frozenset[str] = frozenset(
    {"ended", "refused", "replaced", "unreachable", "closed"}
)
"""Statuses after which the link has stopped for good."""


class LinkState:
    """A link's settings and state, and the listeners told of each change (Link runs it)."""

    def __init__(
        self,
        url: str,
        *,
        role: p.Role = "participant",
        name: str | None = None,
        code: str | None = None,
        key: str | None = None,
        token: str | None = None,
        insecure: bool = False,
        backoff: Backoff | None = None,
        open_timeout: float = 10.0,
        ping_interval: float | None = 20.0,
        mirror: Mirror | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.url = url
        self.role: p.Role = role
        self.name = name
        self.code = code
        self.key = key
        self.token = token
        """The resume token: given, or from the first welcome."""
        self.insecure = insecure
        self.backoff = backoff or Backoff()
        self.open_timeout = open_timeout
        self.ping_interval = ping_interval
        self.mirror = mirror or Mirror()
        self.status: LinkStatus = "connecting"
        self.reason: str | None = None
        """One sentence: why the link stopped, or why it is reconnecting."""
        self.notice: p.Error | None = None
        """The last error from the hub that answered no request of ours."""
        self.welcomes = 0
        """How many welcomes arrived: 1 after joining, more after each resync."""
        self.dropped_token = False
        """True when a remembered token was refused and the link joined afresh."""
        self._rng = rng or random.Random()
        self._listeners: list[Callable[[Any, LinkEvent], None]] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._ws: ClientConnection | None = None
        self._requests = InFlight()
        self._closing = False
        self._woken = asyncio.Event()
        self._refusal: p.Error | None = None

    # -- for UIs -------------------------------------------------------------------------

    @property
    def you(self) -> p.You | None:
        return self.mirror.you

    @property
    def connected(self) -> bool:
        return self.status == "connected"

    @property
    def stopped(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def queued_asks(self) -> int:
        """Asks waiting to be sent when the link is back."""
        return len(self._requests.outbox)

    def add_listener(self, listener: Callable[[Self, LinkEvent], None]) -> None:
        """Called as `listener(link, event)` after each change, `event` one of
        link_events.py's (StatusChanged, AsksWaiting, Welcomed, MirrorChanged, Notice).
        Keep it cheap (set a flag, post a message)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[Self, LinkEvent], None]) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    async def wait_until(self, predicate: Callable[[Self], bool], timeout: float) -> None:
        """Wait until `predicate(link)` holds (checked after every change); TimeoutError if not."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate(self):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"link condition not met within {timeout} s ({self.status})")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, remaining)

    def _set_status(self, status: LinkStatus, reason: str | None) -> None:
        self.reason = reason
        if status != self.status:
            self.status = status
            self._notify(StatusChanged(status, reason))

    def _notify(self, event: LinkEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(self, event)
            except Exception:  # a broken view must not break the link
                log.exception("link listener failed")
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
