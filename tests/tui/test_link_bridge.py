"""The link bridge against a real hub: bounded paints in a storm, messages in order, and a
first paint at once (tui/link_bridge.py)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Static

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.link_events import LinkEvent, MirrorChanged
from panelhost.hub import Hub
from panelhost.tui import link_bridge
from panelhost.tui.join import make_join_app
from panelhost.tui.link_bridge import REPAINT_S, LinkBridge

from ..client.linkkit import FAST, OpenLink, open_link
from .pilotkit import until

__all__ = ["open_link"]

STORM_S = 1.5
"""How long the storm of votes lasts."""
RELAXED = {
    "requests_per_second": 100_000.0,
    "request_burst": 100_000,
    "flood_messages_per_second": 100_000,
}
"""No rate limit in the way of the storm."""


class Probe(App[None]):
    """The smallest app on a bridge: it counts its paints and keeps every message."""

    def __init__(self, link: Link, *, paint_s: float = 0.0, start_link: bool = False) -> None:
        super().__init__()
        self.link = link
        self.bridge = LinkBridge(link, self)
        self.paint_s = paint_s
        self.start_link = start_link
        self.paints: list[float] = []
        self.loaded_paints = 0
        """Paints of a loaded mirror (after a welcome)."""
        self.heard: list[Message] = []
        self.most_waiting = 0
        """The most Changed posted but not yet painted, seen at any paint."""

    def compose(self) -> ComposeResult:
        yield Static("probe")

    def on_mount(self) -> None:
        if self.start_link:
            self.run_worker(self.link.run(), group="link")
        self.bridge.start()

    def on_unmount(self) -> None:
        self.bridge.stop()

    async def on_link_bridge_changed(self, event: LinkBridge.Changed) -> None:
        self.most_waiting = max(self.most_waiting, self.bridge.posted - len(self.paints))
        self.paints.append(time.monotonic())
        self.loaded_paints += self.link.mirror.loaded
        if self.paint_s:
            await asyncio.sleep(self.paint_s)  # a slow painter
        self.bridge.painted(self.link.mirror.version)

    def on_link_bridge_status(self, event: LinkBridge.Status) -> None:
        self.heard.append(event)

    def on_link_bridge_notice(self, event: LinkBridge.Notice) -> None:
        self.heard.append(event)

    def on_link_bridge_welcomed(self, event: LinkBridge.Welcomed) -> None:
        self.heard.append(event)


def count_changes(link: Link) -> list[int]:
    """A one-item list that counts the change frames the link applies."""
    seen = [0]

    def heard(_link: Link, event: LinkEvent) -> None:
        if isinstance(event, MirrorChanged) and event.change is not None:
            seen[0] += 1

    link.add_listener(heard)
    return seen


async def storm(hub: Hub, open_link: OpenLink, seconds: float) -> None:
    """Ten participants vote and unvote one question as fast as the hub answers."""
    voters = [await open_link(hub, name=f"V{i}") for i in range(10)]
    asked = await voters[0].ask("What is a typical week like?")
    assert isinstance(asked, p.Ok) and asked.id is not None
    question = asked.id
    deadline = time.monotonic() + seconds

    async def toggle(link: Link) -> None:
        while time.monotonic() < deadline:
            assert isinstance(await link.vote(question), p.Ok)
            assert isinstance(await link.unvote(question), p.Ok)

    await asyncio.gather(*(toggle(v) for v in voters))


MAX_PAINTS_PER_S = 10
"""The promise (docs/clients.md): changes are painted at most ten times a second."""


def bound(seconds: float, per_s: float = MAX_PAINTS_PER_S) -> int:
    """The most paints `seconds` may hold: ten a second, plus the first and one late."""
    return int(seconds * per_s) + 3


async def test_a_storm_of_votes_is_at_most_ten_paints_a_second(
    make_hub: Any, open_link: OpenLink
) -> None:
    hub = await make_hub(limits=RELAXED)
    watcher = await open_link(hub, name="Ana")
    changes = count_changes(watcher)
    app = Probe(watcher)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.bridge.painted_version == watcher.mirror.version)
        before, started = len(app.paints), time.monotonic()
        await storm(hub, open_link, STORM_S)
        await until(pilot, lambda: app.bridge.painted_version == watcher.mirror.version)
        elapsed = time.monotonic() - started
        paints = len(app.paints) - before
    assert changes[0] >= 5 * paints, (changes[0], paints)  # a storm: far more than paints
    assert 0 < paints <= bound(elapsed), (paints, elapsed)
    gaps = [b - a for a, b in zip(app.paints, app.paints[1:], strict=False)]
    assert min(gaps) >= REPAINT_S * 0.5, gaps  # never two paints back to back


async def test_a_slow_painter_is_never_sent_a_queue_of_paints(
    make_hub: Any, open_link: OpenLink
) -> None:
    hub = await make_hub(limits=RELAXED)
    watcher = await open_link(hub, name="Ana")
    app = Probe(watcher, paint_s=3 * REPAINT_S)
    async with app.run_test() as pilot:
        started = time.monotonic()
        await storm(hub, open_link, STORM_S)
        await until(pilot, lambda: app.bridge.painted_version == watcher.mirror.version)
        elapsed = time.monotonic() - started
    assert app.most_waiting <= 1, app.most_waiting  # one queued at most, never a backlog
    assert len(app.paints) <= bound(elapsed, 1 / (3 * REPAINT_S)), (len(app.paints), elapsed)


async def test_the_participant_app_paints_a_storm_at_most_ten_times_a_second(
    make_hub: Any, open_link: OpenLink
) -> None:
    hub = await make_hub(limits=RELAXED)
    link = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    changes = count_changes(link)
    app = make_join_app(link)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.mirror.loaded and app.painted_version == link.mirror.version)
        before, started = app.bridge.posted, time.monotonic()
        await storm(hub, open_link, STORM_S)
        await until(pilot, lambda: app.painted_version == link.mirror.version)
        paints = app.bridge.posted - before
        elapsed = time.monotonic() - started
    assert changes[0] >= 5 * paints, (changes[0], paints)
    assert 0 < paints <= bound(elapsed), (paints, elapsed)


async def test_a_notice_and_a_status_arrive_as_messages_in_order(
    make_hub: Any, open_link: OpenLink
) -> None:
    hub = await make_hub()
    link = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    app = Probe(link, start_link=True)
    async with app.run_test() as pilot:
        await until(pilot, lambda: link.connected and app.heard)
        assert link._ws is not None
        await link._ws.send("{not json")  # the hub's error answers no request of ours
        await until(pilot, lambda: len(app.heard) >= 3, what="the notice")
        await hub.stop()  # then the link reconnects
        await until(pilot, lambda: len(app.heard) >= 4, what="the outage")
    kinds = [type(m).__name__ for m in app.heard]
    assert kinds[:4] == ["Welcomed", "Status", "Notice", "Status"], kinds
    first, connected, notice, lost = app.heard[:4]
    assert isinstance(first, LinkBridge.Welcomed) and not first.resync
    assert not first.before_start
    assert isinstance(connected, LinkBridge.Status) and connected.status == "connected"
    assert isinstance(notice, LinkBridge.Notice) and notice.error.code == "bad_request"
    assert isinstance(lost, LinkBridge.Status) and lost.status == "reconnecting"
    assert lost.reason


@pytest.mark.parametrize("started_by", ["the app", "the command"])
async def test_the_first_paint_does_not_wait_for_the_timer(
    make_hub: Any, open_link: OpenLink, monkeypatch: pytest.MonkeyPatch, started_by: str
) -> None:
    monkeypatch.setattr(link_bridge, "REPAINT_S", 60.0)  # no tick during the test
    hub = await make_hub()
    if started_by == "the command":  # joined before the app starts, as the commands do
        link = await open_link(hub, name="Ana")
    else:
        link = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    app = Probe(link, start_link=started_by == "the app")
    async with app.run_test() as pilot:
        # a change after the welcome (presence) waits for the timer; the welcome does not
        await until(pilot, lambda: app.loaded_paints, what="the first paint", timeout=5)
        welcomed = [m for m in app.heard if isinstance(m, LinkBridge.Welcomed)]
        assert [m.before_start for m in welcomed] == [started_by == "the command"]
