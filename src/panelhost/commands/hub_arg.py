"""The ADDRESS CODE arguments and `--insecure` that `join` and `screen` share, and reading them."""

from __future__ import annotations

import argparse

from panelhost.cli import UsageError


def add_hub_arguments(parser: argparse.ArgumentParser) -> None:
    """`ADDRESS CODE` and `--insecure`."""
    parser.add_argument(
        "address",
        metavar="ADDRESS",
        help="the hub: HOST[:PORT] (port 8765), or a ws:// or wss:// URL",
    )
    parser.add_argument("code", metavar="CODE", help="the session's join code, like K7Q-2M9")
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="wss without checking the hub's certificate (only on a network you trust)",
    )


def hub_url_and_code(args: argparse.Namespace) -> tuple[str, str]:
    """The hub's WebSocket URL and the join code, or a UsageError that says what to type."""
    from panelhost.client.address import AddressError, parse_address

    try:
        address = parse_address(args.address)
    except AddressError as exc:
        raise UsageError(str(exc)) from None
    code = args.code.strip()
    if not code:
        raise UsageError("give the join code the host shows, like K7Q-2M9")
    return address.url, code
