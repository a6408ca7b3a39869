"""What the host app is given: its options, its clocks, and how it ended.

The command layer fills these in (`panelhost host`, `panelhost demo`); the app and the
screen read them, passed down through their constructors.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from panelhost.client.link import Link
from panelhost.tui.host.ownhub import HubControl, Projector


@dataclass(frozen=True, slots=True)
class HostClock:
    """The clocks the screen reads; tests freeze them for deterministic screenshots."""

    monotonic: Callable[[], float] = time.monotonic
    """Seconds, for the local countdown of the timer and speaking time."""
    wall_ms: Callable[[], int] = lambda: int(time.time() * 1000)
    """Milliseconds since the epoch, for the session's elapsed time and question ages."""


@dataclass(slots=True)
class HostOptions:
    """Everything the host app shows or does besides the link itself."""

    join_command: str | None = None
    """The command participants run, shown under the title."""
    join_aside: str | None = None
    """Beside it: this machine's other addresses, or why only this machine can join."""
    join_link: str | None = None
    """The page's join link for browsers (shown first; `w` shows its QR code)."""
    hub: HubControl | None = None
    """The embedded hub the command started or re-attached to: stopped after `end`,
    revived when it goes (the command layer keeps it; see ownhub.py)."""
    projector: Projector | None = None
    """Opens the room's projector view (`o`); None when the join code is not known here."""
    sessions_dir: Path | None = None
    """Where the hub writes its transcript, when it is on this machine."""
    reattached: bool = False
    """The session was already live: say so on start."""
    reattach_notice: str | None = None
    """What to say then (which session, which options it did not take)."""
    bell: bool = True
    """Ring the terminal bell when a running timer reaches zero."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys, from the config file's `[keymap]` table."""
    config_hint: str = "config.toml"
    """Where the config file is, for the help screen."""
    clock: HostClock = field(default_factory=HostClock)
    demo: Callable[[Link], Awaitable[Callable[[], Awaitable[None]]]] | None = None
    """For `panelhost demo`: starts the simulated room once connected; returns its stop."""
    leave_stops_hub: bool = False
    """Quitting stops the hub too (the demo: nothing to re-attach to)."""


@dataclass(frozen=True, slots=True)
class HostResult:
    """How the app ended, for the command to print one line about it."""

    outcome: Literal["ended", "left", "stopped"]
    """`stopped`: the link gave up (refused, unreachable); the command exits 1."""
    message: str


@dataclass(slots=True)
class HostStats:
    """Counters the benchmarks and tests read; the screen counts, nothing else reads them."""

    repaints: int = 0
    """Flushes that changed a question list: at most 10 a second."""
    flushes: int = 0
    """Every flush: one per tick of the link bridge's timer (10 a second)."""
    bells: int = 0
    """How many times the bell rang (a timer reached zero with the bell on)."""
