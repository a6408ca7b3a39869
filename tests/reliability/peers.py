"""Joining hubs from reliability tests: protocol peers, stalled raw sockets, and traffic."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from panelhost.hub import Hub
from tests.hub.wire import Peer, hello
from tests.processes import ServeProcess
from tests.reliability.rawws import RawSocket, open_raw

UNLIMITED = {
    "requests_per_second": 1_000_000,
    "request_burst": 1_000_000,
    "flood_messages_per_second": 1_000_000,
}
"""Limits for tests about fan-out, where a host must make traffic faster than a person could."""

STALLED_RECEIVE_BUFFER = 4096
"""SO_RCVBUF of a stalled socket: the kernel holds little, so the rest waits in the hub."""

Target = Hub | ServeProcess


def hello_message(target: Target, role: str, name: str, **fields: Any) -> dict[str, Any]:
    """A hello that the hub at `target` accepts (code or key filled in)."""
    message: dict[str, Any] = {"type": "hello", "protocol": 1, "role": role, "name": name}
    if role == "host":
        message["key"] = target.key
    else:
        message["code"] = target.code
    message.update(fields)
    return message


async def join(target: Target, role: str = "participant", name: str = "Ana", **fields: Any) -> Peer:
    """Join an in-process hub or a `panelhost serve` process; fails unless welcomed."""
    ws, reply = await hello(target.url, hello_message(target, role, name, **fields))
    assert reply["type"] == "welcome", reply
    return Peer(ws, reply)


async def stalled(target: Target, role: str = "participant", name: str = "Stalled") -> RawSocket:
    """A client that completes the handshake and says hello, then never reads again."""
    raw = await open_raw(target.port, STALLED_RECEIVE_BUFFER)
    raw.send_json(hello_message(target, role, name))
    return raw


async def add_wide_panel(host: Peer, count: int) -> None:
    """Add `count` panelists with long names and titles, so that every `panel` frame is big.

    Every timer action sends the whole panel to everyone: with 100 such panelists that is
    about 22 KB per action, which fills a stalled reader's buffers in a few hundred batches.
    """
    for i in range(count):
        await host.send(
            {"type": "panelist_add", "name": f"Dr. {i:03d} " + "n" * 50, "title": "t" * 100}
        )
    reply = await host.request("timer", action="start", seconds=600)
    assert reply["type"] == "ok", reply


async def nudge_timer(host: Peer, times: int = 1) -> None:
    """Add a second to the timer `times` times, each waiting for its ok (one batch each)."""
    for _ in range(times):
        reply = await host.request("timer", action="add", seconds=1)
        assert reply["type"] == "ok", reply


@contextlib.asynccontextmanager
async def draining(peer: Peer) -> AsyncIterator[list[dict[str, Any]]]:
    """Keep reading `peer` in the background (a reader that keeps up); yields what it got."""
    received: list[dict[str, Any]] = []

    async def read() -> None:
        with contextlib.suppress(Exception):
            while True:
                received.append(await peer.recv())

    task = asyncio.create_task(read())
    try:
        yield received
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def wait_for(predicate: Any, timeout: float = 10, what: str = "condition") -> None:
    """Poll `predicate()` until true; fail after `timeout` seconds."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)
    assert predicate(), what
