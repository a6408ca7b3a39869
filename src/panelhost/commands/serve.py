"""`panelhost serve`: run a hub for one session until SIGTERM or Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from panelhost.cli import UsageError
from panelhost.web.link import PublicUrlError, check_public_url, page_link
from panelhost.web.qr import qr_lines

if TYPE_CHECKING:
    from panelhost.hub import Hub, HubConfig
    from panelhost.reachable import JoinAddresses

HELP = "run a hub for one session (participants and hosts connect to it)"


def parse_panelist(text: str) -> tuple[str, str | None]:
    """`"Dr. Rivera, EM resident, PGY-2"` -> ("Dr. Rivera", "EM resident, PGY-2")."""
    name, _, title = text.partition(",")
    if not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: give a name, then optionally ', title'")
    return name.strip(), title.strip() or None


def add_session_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `serve`, `host` and `demo`: what session to create and where."""
    parser.add_argument("--title", default="Panel", help="session title")
    parser.add_argument(
        "--panelist",
        action="append",
        type=parse_panelist,
        default=[],
        metavar='"NAME, TITLE"',
        help="a panelist (repeat for each)",
    )
    parser.add_argument(
        "--moderation", action="store_true", help="new questions wait for a host's approval"
    )
    parser.add_argument(
        "--opens-early",
        action="store_true",
        help="open the session for questions now; the panel starts when a host goes live (L)",
    )
    parser.add_argument(
        "--sessions-dir", type=Path, default=None, help="where journals and transcripts go"
    )
    parser.add_argument(
        "--resume", metavar="SESSION_ID", default=None, help="resume a session from its journal"
    )
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0 picks a free one)")


def configure(parser: argparse.ArgumentParser) -> None:
    add_session_options(parser)
    parser.add_argument(
        "--bind", default="127.0.0.1", help="address to listen on (0.0.0.0 for every interface)"
    )
    add_public_address_option(parser)
    parser.add_argument("--code", default=None, help="join code (default: generated)")
    parser.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help="host key file (created with mode 0600 if missing)",
    )
    parser.add_argument("--tls-cert", type=Path, default=None, help="certificate (PEM) for wss")
    parser.add_argument("--tls-key", type=Path, default=None, help="private key (PEM) for wss")
    parser.add_argument(
        "--max-participants", type=int, default=None, help="most participants at once"
    )
    parser.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help="the address students open behind a TLS proxy, like https://panel.example.org",
    )
    parser.add_argument(
        "--allowed-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="also admit browser pages from this origin (repeat for each)",
    )
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDR",
        help="a proxy whose X-Forwarded-For names the real student (repeat for each)",
    )
    parser.add_argument(
        "--joins-per-minute",
        type=int,
        default=None,
        metavar="N",
        help="new names one address may create per minute (default 300)",
    )


def add_public_address_option(parser: argparse.ArgumentParser) -> None:
    """`--public-address`, for `serve` and `host`: what the join line shows the room."""
    parser.add_argument(
        "--public-address",
        metavar="HOST[:PORT]",
        type=_public_address,
        default=None,
        help="the address the room types to reach the hub, when this machine's own is not "
        "it (NAT, a proxy, a DNS name); a ws:// or wss:// URL also works",
    )


def _public_address(text: str) -> str:
    from panelhost.reachable import AddressError, parse_public_address

    try:
        return parse_public_address(text)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def join_report(reachable: JoinAddresses, code: str) -> list[str]:
    """`serve`'s join lines: one per address, best first, and a note when there is one."""
    from panelhost.reachable import join_command

    lines = [f"join     {join_command(address, code)}" for address in reachable.addresses]
    if reachable.note:
        lines.append(f"note     {reachable.note}")
    return lines


def hub_config(args: argparse.Namespace) -> HubConfig:
    from panelhost.hub import HubConfig, Limits
    from panelhost.paths import ConfigError, default_sessions_dir

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: give a port from 0 to 65535")
    try:
        sessions_dir = args.sessions_dir or default_sessions_dir()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    public_url = getattr(args, "public_url", None)
    try:
        public_url = check_public_url(public_url) if public_url else None
        allowed = tuple(
            check_public_url(origin, "--allowed-origin")
            for origin in getattr(args, "allowed_origin", [])
        )
    except PublicUrlError as exc:
        raise UsageError(str(exc)) from None
    tuned: dict[str, int] = {}
    if getattr(args, "max_participants", None):
        tuned["max_participants"] = args.max_participants
    joins = getattr(args, "joins_per_minute", None)
    if joins is not None:
        if joins < 1:
            raise UsageError(f"--joins-per-minute {joins}: give a number of 1 or more")
        tuned["new_identities_per_minute"] = joins
    limits = Limits(**tuned)
    return HubConfig(
        sessions_dir=sessions_dir,
        bind=args.bind,
        port=args.port,
        title=args.title,
        code=getattr(args, "code", None),
        key_file=getattr(args, "key_file", None),
        moderation=args.moderation,
        opens_early=getattr(args, "opens_early", False),
        panelists=tuple(args.panelist),
        resume=args.resume,
        tls_cert=getattr(args, "tls_cert", None),
        tls_key=getattr(args, "tls_key", None),
        public_url=public_url,
        allowed_origins=allowed,
        trusted_proxies=tuple(getattr(args, "trusted_proxy", [])),
        public_address=getattr(args, "public_address", None),
        limits=limits,
    )


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="panelhost serve: %(message)s")
    config = hub_config(args)
    return asyncio.run(_serve(config))


async def _say_when_ended(hub: Hub) -> None:
    """A host's `end`: say where the transcript went (the hub stays up for late joiners)."""
    await hub.ended.wait()
    print(
        f"ended    a host ended the session; transcript {hub.transcript_path} "
        "(late joiners are told it ended; Ctrl+C stops this hub)",
        flush=True,
    )


async def _serve(config: HubConfig) -> int:
    from panelhost.hub import Hub, HubStartError
    from panelhost.hub.server import EXIT_JOURNAL_FAILED

    try:
        hub = await Hub.start(config)
    except HubStartError as exc:
        raise UsageError(str(exc)) from None
    if hub.session.warning:
        print(f"warning: {hub.session.warning}", file=sys.stderr)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"session  {hub.session_id}" + ("  (resumed)" if config.resume else ""))
    if hub.session.state.status == "open_for_questions":
        print("status   open for questions: students ask and vote; a host's L (go live) starts it")
    print(f"address  {hub.url}")
    reachable = hub.join_addresses
    for line in join_report(reachable, hub.code):
        print(line)
    link = page_link(reachable.best, hub.code)
    print(f"page     {link}")
    print(f"host key {hub.key_file}")
    print(f"journal  {hub.session.files.journal}")
    print("\nScan to open the page:", *qr_lines(link), sep="\n", flush=True)
    stopping = asyncio.ensure_future(stop.wait())
    stopped = asyncio.ensure_future(hub.stopped.wait())
    ending = asyncio.ensure_future(_say_when_ended(hub)) if not hub.ended.is_set() else None
    await asyncio.wait((stopping, stopped), return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if ending is not None:
        ending.cancel()
    await hub.stop()
    if hub.failure is not None:  # logged already, in one line; the journal is the truth
        return EXIT_JOURNAL_FAILED
    print(f"transcript {hub.transcript_path}", flush=True)
    return 0
