"""`panelhost screen`: the read-only projector view of a session."""

from __future__ import annotations

import argparse
import asyncio
import sys

from panelhost.cli import UsageError
from panelhost.commands.hub_arg import add_hub_arguments, hub_url_and_code

HELP = "show a session full screen for the room (read-only, for a projector)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_hub_arguments(parser)
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


def run(args: argparse.Namespace) -> int:
    from panelhost.tui.screen.theme import DEFAULT_THEME, theme_names

    theme = args.theme or DEFAULT_THEME
    if theme not in theme_names():
        raise UsageError(f"--theme {theme!r}: choose one of {', '.join(theme_names())}")
    url, code = hub_url_and_code(args)
    return asyncio.run(_show(args, url, code, theme))


async def _show(args: argparse.Namespace, url: str, code: str, theme: str) -> int:
    from panelhost.client.joining import insecure_warning
    from panelhost.client.link import Link
    from panelhost.commands.joined import run_joined
    from panelhost.tui.screen import make_screen_app
    from panelhost.tui.screen.factory import VIEWER_NAME

    link = Link(url, role="viewer", code=code, name=VIEWER_NAME, insecure=args.insecure)
    if args.insecure:
        print(insecure_warning(url), file=sys.stderr)
    await run_joined(
        link,
        "run panelhost screen in the terminal shown on the projector",
        lambda: make_screen_app(
            args.address, code, join_address=args.join_address, theme=theme, link=link
        ),
    )
    return 0
