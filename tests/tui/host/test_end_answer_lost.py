"""Ending the session when the hub's `ok` for `end` never reaches the host.

The hub closes every connection once the session has ended; a host reading slowly (a
busy screen under a vote storm) can lose the `ok` with the connection. The end has
happened all the same, and the host must not be told it failed.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.notifications import SeverityLevel

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.tui.host.controller import HostController

from ...client.linkkit import OpenLink


def controller_for(link: Link) -> tuple[HostController, list[tuple[str, SeverityLevel]]]:
    """The host's controller over `link`, and what it tells the host, as it tells it."""
    said: list[tuple[str, SeverityLevel]] = []
    controller = HostController(
        link, lambda words, level: said.append((words, level)), asyncio.ensure_future
    )
    return controller, said


async def test_an_end_whose_ok_was_lost_is_not_told_as_a_failure(
    make_hub: Any, open_link: OpenLink
) -> None:
    hub = await make_hub()
    link = await open_link(hub, role="host", name="Maya")
    heard = link._on_message

    def lose_the_ok(message: p.ServerMessage) -> None:
        if not isinstance(message, p.Ok):  # the `ok` for `end` is lost on the way
            heard(message)

    link._on_message = lose_the_ok  # type: ignore[method-assign]
    controller, said = controller_for(link)
    assert await controller.end_session()
    assert link.status == "ended"
    assert said == []


async def test_an_end_whose_connection_was_cut_before_the_ok_is_not_told_as_a_failure(
    make_hub: Any, open_link: OpenLink
) -> None:
    # what a slow reader saw: the hub cut it before the `ok` was read ("the connection
    # dropped before the hub answered"); the reconnect's hello is refused as ended
    hub = await make_hub()
    link = await open_link(hub, role="host", name="Maya")
    heard = link._on_message
    cut = False

    def cut_after_the_end(message: p.ServerMessage) -> None:
        nonlocal cut
        if cut:
            return
        heard(message)
        if isinstance(message, p.SessionChanged) and message.session.status == "ended":
            cut = True
            assert link._ws is not None and link._ws.transport is not None
            link._ws.transport.abort()

    link._on_message = cut_after_the_end  # type: ignore[method-assign]
    controller, said = controller_for(link)
    assert await controller.end_session()
    assert cut and said == []


async def test_an_end_the_hub_refused_is_told(make_hub: Any, open_link: OpenLink) -> None:
    hub = await make_hub()
    ana = await open_link(hub, name="Ana")  # not a host: the hub refuses her `end`
    controller, said = controller_for(ana)
    assert not await controller.end_session()
    assert [level for _, level in said] == ["error"]
    assert said[0][0].startswith("Could not end the session: ")
    assert ana.connected and hub.session.state.status == "live"
