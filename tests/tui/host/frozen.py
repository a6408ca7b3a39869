"""The host app with its clocks frozen, for pictures of the screen: the snapshot tests and
`python -m scripts.host_screenshot` (docs/host-screen.svg) build and settle it the same way."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from panelhost.core.clock import parse_rfc3339
from panelhost.tui.host import HostApp, HostClock, HostOptions, make_host_app
from panelhost.tui.widgets.timer import SpeakerTimer

from ..pilotkit import until

ELAPSED_MS = 42 * 60_000 + 17_000
"""The wall clock shows the session 42:17 old."""
REMAINING_MS = 83_500
"""The timer shows 1:23 left: half a second off a boundary, so that a few milliseconds of
network time cannot change a digit."""


def frozen_host_app(
    url: str, key: str, join_command: str, remaining_ms: int = REMAINING_MS
) -> HostApp:
    """The host app as the CLI builds it, with both clocks frozen."""
    app = make_host_app(url, key, options=HostOptions(join_command=join_command, bell=False))
    mirror = app.link.mirror

    def monotonic() -> float:
        return mirror.timer_at + (mirror.timer.remaining_ms - remaining_ms) / 1000

    def wall_ms() -> int:
        started = parse_rfc3339(mirror.session.started_at) if mirror.session else 0
        return started + ELAPSED_MS

    app.options.clock = HostClock(monotonic=monotonic, wall_ms=wall_ms)
    return app


def _settled(app: HostApp) -> bool:
    screen = app.host_screen
    return (
        app.link.connected
        and screen is not None
        and screen.painted_version == app.link.mirror.version
        and "hub: connected" in str(screen.query_one("#status").render())
        and app.link.mirror.hosts == 1  # the room's setup host has gone: no notice of it
    )


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until the screen shows everything the hub sent; then draw the frozen timer."""
    app: HostApp = pilot.app  # type: ignore[assignment]
    await until(pilot, lambda: _settled(app), what="the host screen to show the room")
    screen = app.host_screen
    assert screen is not None
    screen.query_one(SpeakerTimer).tick()
    await pilot.pause(0.05)
