"""`panelhost host`: the host screen, with its own hub (or re-attached, or `--connect`)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from panelhost.cli import UsageError
from panelhost.commands.serve import add_public_address_option, add_session_options
from panelhost.web.link import page_link

if TYPE_CHECKING:
    from panelhost.client.address import HubAddress
    from panelhost.embedded import LiveHub
    from panelhost.tui.host import HostOptions, HostResult

HELP = "run the host screen (starts its own hub, or re-attaches to the live one)"

NEW_HUB_OPTIONS: tuple[tuple[str, object], ...] = (
    ("title", "Panel"),
    ("panelist", []),
    ("moderation", False),
    ("opens_early", False),
    ("resume", None),
)
"""Options (with their defaults) that only a new hub can take."""


def configure(parser: argparse.ArgumentParser) -> None:
    add_session_options(parser)
    parser.add_argument(
        "--bind",
        default="0.0.0.0",
        help="address the embedded hub listens on (default 0.0.0.0: every interface, "
        "so the room can reach it; 127.0.0.1 keeps it to this machine)",
    )
    add_public_address_option(parser)
    parser.add_argument(
        "--connect",
        metavar="URL",
        default=None,
        help="attach to a hub running elsewhere (ws://HOST:PORT/ws) instead of starting one",
    )
    parser.add_argument(
        "--key-file", type=Path, default=None, help="with --connect: the hub's host key file"
    )
    parser.add_argument(
        "--code", default=None, help="with --connect: the join code, to show participants"
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="start a new session even if one is live on this machine (default: ask)",
    )
    parser.add_argument("--name", default="host", help="your name as a host (default: host)")
    parser.add_argument(
        "--no-bell", action="store_true", help="no terminal bell when the timer reaches zero"
    )


def run(args: argparse.Namespace) -> int:
    options = host_options(args)
    if args.connect:
        url, key = connect_target(args)
        options.join_command = connect_join_command(url, args.code, args.public_address)
        if args.code:
            options.join_link = page_link(connect_join_address(url, args.public_address), args.code)
    else:
        hub = embedded_hub(args, options)
        url, key = hub.url, hub.key
    from panelhost.commands.projector import projector_for

    options.projector = projector_for(url, options.join_command)
    return run_app(url, key, args.name, options)


def run_app(url: str, key: str, name: str, options: HostOptions) -> int:
    """Run the host app to its end and print one line about how it ended."""
    result = asyncio.run(_joined_app(url, key, name, options))
    report(result)
    return exit_code(result)


def exit_code(result: HostResult | None) -> int:
    """1 when the link gave up (the hub refused or could not be reached), else 0."""
    return 1 if result is not None and result.outcome == "stopped" else 0


async def _joined_app(url: str, key: str, name: str, options: HostOptions) -> HostResult | None:
    """Join first, so a wrong key or an unreachable hub is one line, then run the app."""
    from panelhost.client.link import Link
    from panelhost.commands.joined import run_joined
    from panelhost.tui.host import make_host_app

    link = Link(url, role="host", key=key, name=name)
    app = await run_joined(
        link,
        "run panelhost host in a terminal (the hub keeps running meanwhile)",
        lambda: make_host_app(url, key, name=name, options=options, link=link, start_link=False),
    )
    return app.return_value


def report(result: HostResult | None) -> None:
    if result is not None:
        print(result.message)
    else:
        print("The host screen closed; if the hub is still up, run panelhost host to re-attach.")


def host_options(args: argparse.Namespace) -> HostOptions:
    """Options from the config file (keymap, bell) and the command line."""
    from panelhost.paths import ConfigError, config_path, load_config
    from panelhost.tui.host import HostOptions
    from panelhost.tui.host.bindings import HOST_ACTIONS
    from panelhost.tui.keys import KeymapError, keymap_from_config

    try:
        config = load_config()
        keymap = keymap_from_config(config, HOST_ACTIONS)
        bell_setting = host_bell_setting(config)
    except (ConfigError, KeymapError) as exc:
        raise UsageError(f"{config_path()}: {exc}") from None
    bell = bell_setting and not args.no_bell
    return HostOptions(bell=bell, keymap=keymap, config_hint=str(config_path()))


def host_bell_setting(config: dict[str, object]) -> bool:
    """The `[host]` table's `bell` (default true); a typo is an error, not ignored."""
    from panelhost.paths import ConfigError

    table = config.get("host", {})
    if not isinstance(table, dict):
        raise ConfigError("[host] must be a table, like: [host] then bell = false")
    for name in table:
        if name != "bell":
            raise ConfigError(f"[host] has an unknown setting {name!r} (the only one is bell)")
    bell = table.get("bell", True)
    if not isinstance(bell, bool):
        raise ConfigError("[host] bell must be true or false")
    return bell


def sessions_dir(args: argparse.Namespace) -> Path:
    from panelhost.paths import ConfigError, default_sessions_dir

    try:
        return args.sessions_dir or default_sessions_dir()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def connect_target(args: argparse.Namespace) -> tuple[str, str]:
    """`--connect URL --key-file FILE`: the URL and the key, checked."""
    from panelhost.client.address import AddressError, parse_address

    given = [
        f"--{name.replace('_', '-')}"
        for name, default in NEW_HUB_OPTIONS
        if getattr(args, name, default) != default
    ]
    if given:
        raise UsageError(
            f"{', '.join(given)} start a new hub; with --connect the hub's own settings apply"
        )
    if args.key_file is None:
        raise UsageError("--connect needs --key-file FILE (the host key the hub wrote)")
    try:
        key = args.key_file.read_text().strip()
    except OSError as exc:
        raise UsageError(f"cannot read the key file {args.key_file}: {exc.strerror}") from None
    if not key:
        raise UsageError(f"the key file {args.key_file} is empty")
    try:
        address = parse_address(args.connect)
    except AddressError as exc:
        raise UsageError(f"--connect {args.connect}: {exc}") from None
    return address.url, key


def connect_join_address(url: str, public: str | None = None) -> HubAddress:
    """With `--connect`: where the room reaches the hub (its URL, or `--public-address`)."""
    from panelhost.client.address import parse_address
    from panelhost.reachable import public_join_address

    address = parse_address(url)
    if public:
        address = public_join_address(public, address.port)
    return address


def connect_join_command(url: str, code: str | None, public: str | None = None) -> str:
    """With `--connect`: the join line for the hub's URL (or `--public-address`)."""
    from panelhost.reachable import join_command

    return join_command(connect_join_address(url, public), code or "<code>")


def embedded_hub(args: argparse.Namespace, options: HostOptions) -> LiveHub:
    """Re-attach to a live hub of this machine (asking first), or start one (a detached child)."""
    from panelhost.commands.hub_control import KeptHub
    from panelhost.commands.reattach import choose, ignored_options, reattach_notice
    from panelhost.embedded import EmbeddedHubError, live_hubs_anywhere, spawn_hub
    from panelhost.reachable import join_command

    directory = sessions_dir(args)
    hub = None
    if not args.new:
        live = [h for h in live_hubs_anywhere(directory) if args.resume in (None, h.session_id)]
        if live:
            # --resume ID names the one; otherwise a person says whether to attach
            hub = live[0] if args.resume else choose(live)
        if hub is not None:
            options.reattached = True
            options.reattach_notice = reattach_notice(hub, ignored_options(args, configure))
            print(options.reattach_notice, file=sys.stderr)
    if hub is None:
        try:
            hub = spawn_hub(directory, serve_args(args))
        except EmbeddedHubError as exc:
            raise UsageError(f"the hub did not start: {exc}") from None
    options.sessions_dir = hub.sessions_dir or directory
    options.hub = KeptHub(hub, options.sessions_dir).control()
    options.join_command = join_command(hub.join.best, hub.code)
    options.join_link = page_link(hub.join.best, hub.code)
    options.join_aside = hub.join.aside()
    return hub


def serve_args(args: argparse.Namespace) -> list[str]:
    """The `panelhost serve` options for the embedded hub."""
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: give a port from 0 to 65535")
    command = ["--bind", args.bind, "--port", str(args.port), "--title", args.title]
    for name, title in args.panelist:
        command += ["--panelist", f"{name}, {title}" if title else name]
    if args.moderation:
        command.append("--moderation")
    if getattr(args, "opens_early", False):
        command.append("--opens-early")
    if args.resume:
        command += ["--resume", args.resume]
    if args.public_address:
        command += ["--public-address", args.public_address]
    return command
