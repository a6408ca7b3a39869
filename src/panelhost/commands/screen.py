"""`panelhost screen`: the read-only projector view of a session."""

from __future__ import annotations

import argparse
import asyncio
import sys

from panelhost.cli import UsageError

HELP = "show a session full screen for the room (read-only, for a projector)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "address",
        metavar="ADDRESS",
        help="the hub: HOST[:PORT] (port 8765), or a ws:// or wss:// URL",
    )
    parser.add_argument("code", metavar="CODE", help="the session's join code, like K7Q-2M9")
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
    from panelhost.client.joining import insecure_warning
    from panelhost.client.link import Link
    from panelhost.commands.joined import run_joined
    from panelhost.tui.screen import make_screen_app
    from panelhost.tui.screen.factory import VIEWER_NAME

    link = Link(url, role="viewer", code=args.code, name=VIEWER_NAME, insecure=args.insecure)
    if args.insecure:
        print(insecure_warning(url), file=sys.stderr)
    await run_joined(
        link,
        "run panelhost screen in the terminal shown on the projector",
        lambda: make_screen_app(
            args.address, args.code, join_address=args.join_address, theme=theme, link=link
        ),
    )
    return 0
