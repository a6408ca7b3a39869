"""`panelhost screen`: the read-only projector view of a session."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from panelhost.cli import UsageError

if TYPE_CHECKING:
    from panelhost.client.link import Link

HELP = "show a session full screen for the room (read-only, for a projector)"

JOIN_TIMEOUT_S = 20.0
"""How long to wait for the first welcome before giving up (the link's own timeout is 10 s)."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "address", metavar="HOST[:PORT]", help="the hub: HOST[:PORT], or a ws:// or wss:// URL"
    )
    parser.add_argument("code", help="the session's join code, e.g. K7Q-2M9")
    parser.add_argument(
        "--theme",
        default=None,
        help="colour theme: panelhost-contrast (default, high contrast) or any Textual theme",
    )
    parser.add_argument(
        "--join-address",
        metavar="HOST[:PORT]",
        default=None,
        help="the address the join line shows the room (default: the address given)",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="wss: accept a certificate that cannot be verified (trusted networks only)",
    )


def run(args: argparse.Namespace) -> int:
    from panelhost.client.address import AddressError, parse_address
    from panelhost.tui.screen.theme import DEFAULT_THEME, theme_names

    theme = args.theme or DEFAULT_THEME
    if theme not in theme_names():
        raise UsageError(f"--theme {theme!r}: choose one of {', '.join(theme_names())}")
    try:
        hub = parse_address(args.address)
    except AddressError as exc:
        raise UsageError(str(exc)) from None
    if not args.code.strip():
        raise UsageError("give the session's join code, like K7Q-2M9")
    return asyncio.run(_show(args, hub.url, theme))


async def _show(args: argparse.Namespace, url: str, theme: str) -> int:
    from panelhost.client.link import Link
    from panelhost.tui.screen import make_screen_app
    from panelhost.tui.screen.factory import VIEWER_NAME

    # join before going full screen, so a wrong code or address is one plain line
    link = Link(url, role="viewer", code=args.code, name=VIEWER_NAME, insecure=args.insecure)
    task = asyncio.create_task(link.run())
    try:
        await link.wait_until(lambda link: link.status != "connecting", JOIN_TIMEOUT_S)
    except TimeoutError:
        await _stop(link, task)
        raise UsageError(f"{args.address} did not answer in time; check the address") from None
    if link.stopped:
        await _stop(link, task)
        raise UsageError(link.reason or "could not join the session")
    app = make_screen_app(
        args.address, args.code, join_address=args.join_address, theme=theme, link=link
    )
    try:
        await app.run_async()
    finally:
        await _stop(link, task)
    return 0


async def _stop(link: Link, task: asyncio.Task[object]) -> None:
    await link.close()
    try:
        await asyncio.wait_for(task, 5)
    except TimeoutError:
        task.cancel()
