"""One bridge from a client link to a Textual app: typed messages, and the bounded repaint.

The host, the participant and the projector apps each build one `LinkBridge(link, target)`
(the target is the app or screen that paints), call `start()` in its `on_mount` and
`stop()` in its `on_unmount`, and handle its messages:

- `LinkBridge.Changed`: paint the mirror now (for the target alone: it does not bubble).
  Posted by the repaint timer at most once every `REPAINT_S` (however many changes
  arrived: a storm of thousands of votes a second is ten paints), when the mirror moved
  since the last paint or something else asked for one (a status, a welcome, `stale()`);
  at once for the first paint. With `every_tick=True` (the host, whose roster and header
  follow its clock) every tick posts one. The painter says what it painted with
  `painted(version)`: `painted_version` is what tests wait on. A new one is not posted
  while the last still waits in the queue.
- `LinkBridge.Status`, `AsksWaiting`, `Welcomed` (first join or resync), `Notice` (the
  hub's error that answered no request): one for each such link event, in order.
- `LinkBridge.Heard`: each change frame of the types named in `heard`, as it came (the
  host counts the host screens in `presence` frames).

The link may run in a task started before the app (the command joins first), outside the
app's context, where Textual timers cannot start: the listener only sets flags and posts
messages (safe from anywhere on the loop); the timer starts in `start()`, in the
target's context.
"""

from __future__ import annotations

import time

from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.link_events import (
    AsksWaiting,
    LinkEvent,
    LinkStatus,
    MirrorChanged,
    Notice,
    StatusChanged,
    Welcomed,
)

REPAINT_S = 0.1
"""Changes are painted at most ten times a second, however fast they arrive."""
STUCK_S = 1.0
"""A Changed not handled after this long (a closing app) no longer holds the next back."""


class LinkBridge:
    """Listens to one link and tells one Textual target, in messages (see the module)."""

    class Changed(Message):
        """Paint the mirror now (at most every REPAINT_S); for the target alone."""

        bubble = False  # ten a second: nothing above the painter needs them

    class Status(Message):
        """The link's status changed."""

        def __init__(self, status: LinkStatus, reason: str | None) -> None:
            super().__init__()
            self.status: LinkStatus = status
            self.reason = reason

    class AsksWaiting(Message):
        """The asks waiting for the link to be back changed (`link.queued_asks`)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class Welcomed(Message):
        """A welcome loaded the mirror: the first join or (`resync`) after a reconnect."""

        def __init__(self, count: int, *, before_start: bool = False) -> None:
            super().__init__()
            self.count = count
            self.before_start = before_start
            """It came before `start()` (the command joined first): told on start."""

        @property
        def resync(self) -> bool:
            return self.count > 1

    class Notice(Message):
        """An error from the hub that answered no request of ours."""

        def __init__(self, error: p.Error) -> None:
            super().__init__()
            self.error = error

    class Heard(Message):
        """A change frame of a type the bridge was asked to pass on (`heard`)."""

        def __init__(self, change: p.Change) -> None:
            super().__init__()
            self.change = change

    def __init__(
        self,
        link: Link,
        target: MessagePump,
        *,
        every_tick: bool = False,
        heard: tuple[type[p.Change], ...] = (),
    ) -> None:
        self.link = link
        self.target = target
        self.every_tick = every_tick
        self.heard = heard
        self.painted_version = -1
        """The mirror version on screen (`painted`); tests wait for it to catch up."""
        self.posted = 0
        """How many Changed were posted (tests count the paints a storm makes)."""
        self._due = True
        self._serial = 0
        self._waiting: int | None = None
        """The Changed posted and not yet handled (by its serial), if any."""
        self._waiting_since = 0.0
        self._timer: Timer | None = None

    # -- for the app ---------------------------------------------------------------------

    def start(self, *, painted: bool = False) -> None:
        """Listen, start the repaint timer and paint at once (unless the target just
        `painted` itself); call in the target's on_mount.

        A welcome or a final status that came before is told now."""
        link = self.link
        link.add_listener(self._on_link)
        self._timer = self.target.set_interval(REPAINT_S, self._tick)
        if link.welcomes:
            self._post(LinkBridge.Welcomed(link.welcomes, before_start=True))
        if link.stopped:
            self._post(LinkBridge.Status(link.status, link.reason))
        if not painted:
            self._post_changed()

    def stop(self) -> None:
        self.link.remove_listener(self._on_link)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def painted(self, version: int) -> None:
        """The target painted the mirror at `version`."""
        self.painted_version = version
        self._due = False
        self._waiting = None  # a Changed still queued would paint the same again

    def stale(self) -> None:
        """What is on screen is out of date though the mirror did not move: paint on the
        next tick."""
        self._due = True

    def forget_painted(self) -> None:
        """Paint everything on the next tick, as if nothing had been painted."""
        self.painted_version = -1
        self._due = True

    # -- from the link -------------------------------------------------------------------

    def _on_link(self, link: Link, event: LinkEvent) -> None:
        # maybe outside the app's context: set flags and post messages, start nothing
        self._due = True
        match event:
            case MirrorChanged(change=change):
                if self.heard and isinstance(change, self.heard):
                    self._post(LinkBridge.Heard(change))
            case StatusChanged(status=status, reason=reason):
                self._post(LinkBridge.Status(status, reason))
            case AsksWaiting(count=count):
                self._post(LinkBridge.AsksWaiting(count))
            case Welcomed(count=count):
                self._post(LinkBridge.Welcomed(count))
                if count == 1:
                    self._post_changed()  # the first paint at once
            case Notice(error=error):
                self._post(LinkBridge.Notice(error))

    def _tick(self) -> None:
        if self.every_tick or self._due or self.link.mirror.version != self.painted_version:
            self._post_changed()

    def _post_changed(self) -> None:
        now = time.monotonic()
        if self._waiting is not None and now - self._waiting_since < STUCK_S:
            return  # the last one is still in the queue: it paints what is there by then
        self._serial += 1
        self._waiting, self._waiting_since = self._serial, now
        self.posted += 1
        self._post(LinkBridge.Changed())  # paint the mirror as it is by then
        # runs once the Changed has been handled (the target's queue is in order)
        self.target.call_later(self._handled, self._serial)

    def _handled(self, serial: int) -> None:
        if self._waiting == serial:
            self._waiting = None

    def _post(self, message: Message) -> None:
        self.target.post_message(message)
