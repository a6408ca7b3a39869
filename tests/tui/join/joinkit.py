"""Helpers for Pilot tests of the participant app: build it as the CLI does, read the screen."""

from __future__ import annotations

from textual.pilot import Pilot

from panelhost.client.link import Link
from panelhost.tui.join import JoinApp, make_join_app
from panelhost.tui.join.clock import CLOCK, Clock

from ...client.linkkit import FAST
from ..pilotkit import WAIT_S, until

SIZE = (80, 24)


def join_app(
    url: str, code: str, name: str = "Ana", clock: Clock = CLOCK, **options: object
) -> JoinApp:
    """The app over a fresh participant link (fast reconnects for tests)."""
    options.setdefault("backoff", FAST)
    link = Link(url, role="participant", code=code, name=name, **options)  # type: ignore[arg-type]
    return make_join_app(link, clock=clock)


async def painted(pilot: Pilot[object], app: JoinApp, timeout: float = WAIT_S) -> None:
    """Wait until everything the link received is on screen."""
    await until(
        pilot,
        lambda: app.mirror.loaded and app.painted_version == app.mirror.version,
        "the app to paint the mirror",
        timeout,
    )
