"""`panelhost demo`: the host screen with its own hub and a simulated room of students."""

from __future__ import annotations

import argparse
import os
import signal
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from panelhost.cli import UsageError, require_terminal

if TYPE_CHECKING:
    from panelhost.client.link import Link

HELP = "try the host screen with a simulated room (medical students, an EM panel)"

PANEL = (
    "Dr. Ana Rivera, EM resident PGY-2, academic program",
    "Dr. Wei Chen, EM attending, community hospital",
    "Dr. Kofi Osei, Pediatric EM fellow",
    "Dr. Sara Lind, Ultrasound fellow",
)
"""The demo's panel: residents and physicians from different corners of EM."""

ROOM_MINUTES = 20
"""Room time the simulated questions spread over (5 real minutes at the default speed)."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--students", type=int, default=40, help="simulated students (1-300)")
    parser.add_argument(
        "--speed", type=float, default=4.0, help="room time runs this many times faster"
    )
    parser.add_argument("--seed", type=int, default=None, help="seed for a repeatable room")
    parser.add_argument("--moderation", action="store_true", help="questions wait for approval (a)")
    parser.add_argument(
        "--sessions-dir",
        type=Path,
        default=None,
        help="where the demo's journal and transcript go (default: a temporary directory)",
    )
    parser.add_argument("--no-bell", action="store_true", help="no bell when the timer hits zero")


def run(args: argparse.Namespace) -> int:
    from panelhost.commands.host import host_options, run_app
    from panelhost.commands.hub_control import KeptHub
    from panelhost.commands.projector import projector_for
    from panelhost.embedded import EmbeddedHubError, spawn_hub
    from panelhost.reachable import join_command

    if not 1 <= args.students <= 300:
        raise UsageError(f"--students {args.students}: give 1 to 300")
    if args.speed <= 0:
        raise UsageError("--speed must be above 0")
    require_terminal("run panelhost demo in a terminal window")
    directory = args.sessions_dir or Path(tempfile.mkdtemp(prefix="panelhost-demo-"))
    serve_args = ["--bind", "127.0.0.1", "--port", "0", "--title", "EM alumni panel (demo)"]
    for panelist in PANEL:
        serve_args += ["--panelist", panelist]
    if args.moderation:
        serve_args.append("--moderation")
    try:
        hub = spawn_hub(directory, serve_args)
    except EmbeddedHubError as exc:
        raise UsageError(f"the demo's hub did not start: {exc}") from None
    kept = KeptHub(hub, directory)
    options = host_options(args)
    options.hub = kept.control()
    options.sessions_dir = directory
    options.join_command = join_command(hub.join.best, hub.code)
    options.projector = projector_for(hub.url, options.join_command)
    options.leave_stops_hub = True
    options.demo = room_starter(hub.url, hub.code, args.students, args.speed, args.seed)
    # a closed terminal ends the demo and its hub (a real session's hub would stay up)
    signal.signal(signal.SIGHUP, lambda *_: (kept.current.stop(), os._exit(129)))
    try:
        return run_app(hub.url, hub.key, "host", options)
    finally:
        kept.current.stop()


def room_starter(
    url: str, code: str, students: int, speed: float, seed: int | None
) -> Callable[[Link], Awaitable[Callable[[], Awaitable[None]]]]:
    """Starts the simulated room once the host is connected; returns how to stop it."""

    async def start(link: Link) -> Callable[[], Awaitable[None]]:
        import random

        from panelhost.demo import SimulatedRoom

        room = SimulatedRoom(url, code, students=students, speed=speed, rng=random.Random(seed))
        await room.start()
        return room.stop

    return start
