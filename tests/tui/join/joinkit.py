"""Helpers for Pilot tests of the participant app: build it as the CLI does, read the screen."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot

from panelhost.client.link import Link
from panelhost.tui.join import JoinApp, make_join_app

from ...client.linkkit import FAST

SIZE = (80, 24)


def join_app(url: str, code: str, name: str = "Ana", **options: object) -> JoinApp:
    """The app over a fresh participant link (fast reconnects for tests)."""
    options.setdefault("backoff", FAST)
    link = Link(url, role="participant", code=code, name=name, **options)  # type: ignore[arg-type]
    return make_join_app(link)


def screen_text(app: JoinApp) -> str:
    """What the terminal shows, as plain text (styles dropped)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


async def until(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 10, what: str = ""
) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():
                await pilot.pause(0.02)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what or condition}") from None


async def painted(pilot: Pilot[object], app: JoinApp, timeout: float = 10) -> None:
    """Wait until everything the link received is on screen."""
    await until(
        pilot,
        lambda: app.mirror.loaded and app.painted_version == app.mirror.version,
        timeout,
        "the app to paint the mirror",
    )
