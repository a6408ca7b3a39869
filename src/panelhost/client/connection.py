"""One connection of a link, from opening it to its close: how it ended, for the link to
decide (reconnect or stop). Frames come in decoded and made printable, the one way."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from panelhost import protocol as p
from panelhost.client.text import inert, printable

log = logging.getLogger("panelhost.client")

CONNECT_ERRORS = (OSError, TimeoutError, InvalidHandshake, InvalidURI, ssl.SSLError)
"""What a failed attempt to open a connection raises (see `describe_connect_error`)."""


@dataclass(frozen=True, slots=True)
class Refused:
    """The hub answered hello with an error."""

    error: p.Error


@dataclass(frozen=True, slots=True)
class Lost:
    """The hub did not answer hello as a hub does."""

    why: str


@dataclass(frozen=True, slots=True)
class Closed:
    """The connection closed, with this code and (printable) reason."""

    code: int
    reason: str


Ended = Refused | Lost | Closed


async def open_connection(
    url: str, *, insecure: bool, open_timeout: float, ping_interval: float | None
) -> ClientConnection:
    """Open the WebSocket; raises one of `CONNECT_ERRORS` when it cannot."""
    return await connect(
        url,
        ssl=tls_context(url, insecure),
        open_timeout=open_timeout,
        ping_interval=ping_interval,
        ping_timeout=ping_interval,
        close_timeout=2,
        max_size=64 * 1024 * 1024,
        compression=None,
        user_agent_header=None,
    )


def tls_context(url: str, insecure: bool) -> ssl.SSLContext | None:
    if not url.lower().startswith("wss:"):
        return None
    context = ssl.create_default_context()
    if insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


async def converse(
    ws: ClientConnection,
    hello: p.Hello,
    open_timeout: float,
    welcomed: Callable[[p.Welcome], Awaitable[None]],
    heard: Callable[[p.ServerMessage], None],
) -> Ended:
    """Say hello, hand the welcome to `welcomed`, then every frame to `heard`, until it ends."""
    try:
        await ws.send(p.encode(hello), text=True)
    except ConnectionClosed:
        return closed(ws)
    try:
        async with asyncio.timeout(open_timeout):
            first = await ws.recv()
    except TimeoutError:
        return Lost("the hub did not answer hello in time")
    except ConnectionClosed:
        return closed(ws)
    message = decode(first)
    if isinstance(message, p.Error):
        return Refused(message)
    if not isinstance(message, p.Welcome):
        return Lost("the hub did not answer hello with welcome")
    await welcomed(message)
    try:
        async for raw in ws:
            if (message := decode(raw)) is not None:
                heard(message)
    except ConnectionClosed:
        pass
    return closed(ws)


def closed(ws: ClientConnection) -> Closed:
    code = ws.close_code if ws.close_code is not None else 1006
    return Closed(code, printable(ws.close_reason or ""))


def decode(raw: str | bytes) -> p.ServerMessage | None:
    """The one way hub frames come in: decoded, then every string in it made printable."""
    try:
        message = p.decode_server(raw)
    except p.DecodeError as exc:  # a newer hub's message: skip it
        log.debug("skipping a frame this client does not understand: %s", exc)
        return None
    return inert(message)
