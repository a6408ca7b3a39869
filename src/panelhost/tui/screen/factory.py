"""Building the projector app exactly as `panelhost screen` does (tests and the host use it)."""

from __future__ import annotations

import time
from collections.abc import Callable

from panelhost.client.address import parse_address
from panelhost.client.backoff import Backoff
from panelhost.client.link import Link
from panelhost.reachable import join_command
from panelhost.tui.screen.app import ScreenApp
from panelhost.tui.screen.theme import DEFAULT_THEME
from panelhost.web.link import page_link

VIEWER_NAME = "Room screen"


def join_line(address: str, code: str) -> str:
    """The line participants need: `Join from your terminal:  panelhost join ADDRESS CODE`."""
    return f"Join from your terminal:  {join_command(address, code)}"


def make_screen_app(
    address: str,
    code: str,
    *,
    join_address: str | None = None,
    theme: str = DEFAULT_THEME,
    insecure: bool = False,
    clock: Callable[[], float] = time.monotonic,
    backoff: Backoff | None = None,
    link: Link | None = None,
) -> ScreenApp:
    """The projector app for the hub at `address` (HOST[:PORT] or ws:// / wss:// URL).

    `join_address` is what the join line tells the room (default: `address` as given,
    which is wrong when the screen itself connects over 127.0.0.1). A `link` already
    running (made with role "viewer") is used as is; otherwise the app makes one and
    starts it. Raises `AddressError` (one line) for an address it cannot parse.
    """
    hub = parse_address(address)
    shown = join_address or str(hub)
    start_link = link is None
    if link is None:
        link = Link(
            hub.url, role="viewer", code=code, name=VIEWER_NAME, insecure=insecure, backoff=backoff
        )
    return ScreenApp(
        link,
        join_line=join_line(shown, code),
        page_link=page_link(parse_address(shown), code),
        theme=theme,
        clock=clock,
        start_link=start_link,
    )
