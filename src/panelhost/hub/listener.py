"""Listening: TLS, the WebSocket server's options, and every TCP connection tracked."""

from __future__ import annotations

import asyncio
import errno
import ssl
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response
from websockets.typing import Origin

from panelhost.hub import webpage
from panelhost.hub.config import HubConfig


class HubStartError(Exception):
    """The hub cannot start; one line saying why and what to do."""


class _TrackedConnection(ServerConnection):
    """A connection the hub can find from the moment TCP connects, before the upgrade.

    websockets only lists connections once upgraded; `stop()` must also cut the ones still
    in the opening handshake, or a peer that sent half a request holds shutdown for 10 s.
    """

    registry: set[ServerConnection]

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self.registry.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.registry.discard(self)
        super().connection_lost(exc)


def tls_context(config: HubConfig) -> ssl.SSLContext | None:
    if not (config.tls_cert or config.tls_key):
        return None
    if not (config.tls_cert and config.tls_key):
        raise HubStartError("TLS needs both --tls-cert and --tls-key")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        tls.load_cert_chain(config.tls_cert, config.tls_key)
    except (OSError, ssl.SSLError) as exc:
        raise HubStartError(f"cannot load the TLS certificate or key: {exc}") from None
    return tls


async def listen(
    config: HubConfig,
    handler: Callable[[ServerConnection], Awaitable[None]],
    connections: set[ServerConnection],
    origins: list[Origin | None],
) -> Server:
    """Listen on the configured address; every connection lands in `connections`.

    `origins` is read by websockets at every upgrade: fill it once the port is known.
    """
    limits = config.limits

    def admit(connection: ServerConnection, request: Request) -> Response | None:
        """Before the upgrade: the page, a 404 or 405 (hub/webpage.py); /ws only under the cap."""
        answer = webpage.answer(connection, request)
        if answer is not None:
            return answer
        if len(connections) > limits.max_connections:
            return connection.respond(
                HTTPStatus.SERVICE_UNAVAILABLE, "The hub is at its connection limit; try later\n"
            )
        return None

    def new_connection(*args: Any, **kwargs: Any) -> ServerConnection:
        connection = _TrackedConnection(*args, **kwargs)
        connection.registry = connections
        return connection

    tls = tls_context(config)
    try:
        return await serve(
            handler,
            config.bind,
            config.port,
            process_request=admit,
            origins=origins,
            max_size=limits.max_message_bytes,
            ping_interval=limits.ping_interval_s,
            ping_timeout=limits.ping_timeout_s,
            compression=None,
            close_timeout=2,
            ssl=tls,
            server_header=None,
            create_connection=new_connection,  # type: ignore[arg-type]
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise HubStartError(
                f"port {config.port} is already in use on {config.bind} (another hub or "
                "program listens there); pick another --port, or --port 0 for any free one"
            ) from None
        why = exc.strerror or str(exc)
        raise HubStartError(
            f"cannot listen on {config.bind}:{config.port} ({why}); pick another --port or --bind"
        ) from None
