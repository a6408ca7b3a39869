"""Helpers for Pilot tests of the host app: build it as the CLI does, drive it, read it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from textual.pilot import Pilot

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.commands.projector import projector_for
from panelhost.hub import Hub
from panelhost.tui.host import HostApp, HostOptions, make_host_app
from panelhost.tui.host.screen import HostScreen

from ...client.linkkit import FAST
from ..pilotkit import screen_text, until

SIZE = (120, 34)


def host_app(hub: Hub, **options: Any) -> HostApp:
    """The host app over a host link to `hub` (fast reconnects), as `make_host_app` builds it."""
    options.setdefault("join_command", f"panelhost join 127.0.0.1:{hub.port} {hub.code}")
    options.setdefault("sessions_dir", hub.config.sessions_dir)
    options.setdefault("bell", False)
    # the projector key, as `panelhost host` gives it (the join line names the code)
    options.setdefault("projector", projector_for(hub.url, options["join_command"]))
    link = Link(hub.url, role="host", key=hub.key, name="Maya", backoff=FAST)
    return make_host_app(hub.url, hub.key, options=HostOptions(**options), link=link)


@contextlib.asynccontextmanager
async def host_pilot(
    hub: Hub, size: tuple[int, int] = SIZE, **options: Any
) -> AsyncIterator[tuple[HostApp, Pilot[Any]]]:
    """`async with host_pilot(hub, size) as (app, pilot)`: the host app (`host_app(hub,
    **options)`) running at `size`, connected, its screen showing what the hub sent."""
    app = host_app(hub, **options)
    async with app.run_test(size=size) as pilot:
        await connected(pilot, app)
        yield app, pilot


def screen_of(app: HostApp) -> HostScreen:
    screen = app.host_screen
    assert screen is not None
    return screen


async def connected(pilot: Pilot[Any], app: HostApp) -> None:
    """Wait until the host is connected and the screen shows the mirror."""
    await until(pilot, lambda: app.link.connected, what="the host to connect")
    await painted(pilot, app)


async def painted(pilot: Pilot[Any], app: HostApp) -> None:
    """Wait until the screen has painted everything the link received."""
    screen = screen_of(app)
    await until(
        pilot,
        lambda: screen.painted_version == app.link.mirror.version,
        what="the screen to paint the mirror",
    )


async def ask(link: Link, text: str, **options: Any) -> int:
    """Ask through a participant link; the question's id."""
    answer = await link.ask(text, **options)
    assert isinstance(answer, p.Ok), answer
    assert answer.id is not None
    return answer.id


def question(app: HostApp, question_id: int) -> p.Question:
    found = app.link.mirror.question(question_id)
    assert found is not None
    return found


async def shows(pilot: Pilot[Any], app: HostApp, *texts: str) -> str:
    """Wait until the screen shows every one of `texts`; the screen's text."""
    await until(
        pilot,
        lambda: all(text in screen_text(app) for text in texts),
        what=f"the screen to show {texts}",
    )
    return screen_text(app)
