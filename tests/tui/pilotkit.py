"""What every Pilot test needs: wait for a condition, and read the screen as plain text."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

WAIT_S = 30.0
"""How long a condition may take: generous, since CI machines are shared and a passing
test only waits as long as it needs."""


async def until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str = "", timeout: float = WAIT_S
) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():
                await pilot.pause(0.02)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what or condition}") from None


def screen_text(app: App[Any]) -> str:
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
