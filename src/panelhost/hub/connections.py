"""One connection's life in a hub: its hello, its requests and its leaving; presence follows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.commit import CommitPipeline
from panelhost.hub.config import Limits
from panelhost.hub.forwarded import TrustedProxies
from panelhost.hub.joining import Joining
from panelhost.hub.routing import Requests
from panelhost.hub.session import LiveSession


class Connections:
    """Serves every websocket the listener accepts, from its hello until it closes."""

    def __init__(
        self,
        session: LiveSession,
        pipeline: CommitPipeline,
        audiences: Audiences,
        limits: Limits,
        ended: Callable[[], bool],
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
    ) -> None:
        self.pipeline = pipeline
        self.audiences = audiences
        self.limits = limits
        self._spawn = spawn
        self.proxies = TrustedProxies()
        """Whose `X-Forwarded-For` names the client (`--trusted-proxy`)."""
        self.open: set[ServerConnection] = set()
        """Every TCP connection, welcomed or not, even mid-handshake."""
        self.joining = Joining(session, pipeline, audiences, limits, ended, self.register, spawn)
        self.requests = Requests(session, pipeline, spawn)

    async def handle(self, ws: ServerConnection) -> None:
        """The listener's handler: hello first (in time), then every request until it closes."""
        peer = str(ws.remote_address[0]) if ws.remote_address else "?"
        address = (
            peer if ws.request is None else self.proxies.client_address(peer, ws.request.headers)
        )
        if self.joining.blocked(address):
            await ws.close(1008, "too many failed attempts; wait a minute")
            return
        try:
            async with asyncio.timeout(self.limits.hello_timeout_s):
                raw = await ws.recv()
        except TimeoutError:
            self.joining.timed_out(address)
            await ws.close(1008, "no hello in time")
            return
        except ConnectionClosed:
            return
        client = await self.joining.hello(ws, raw, address)
        if client is None:
            return
        try:
            async for message in ws:
                self.requests.on_message(client, message)
        except ConnectionClosed:
            pass
        finally:
            self.forget(client)

    def register(self, client: Client) -> None:
        """Runs once the client's welcome is sent: from now on it gets changes."""
        if client.ws.state.name != "OPEN":
            return
        previous = self.audiences.add(client)
        if previous is not None:
            self._spawn(previous.ws.close(4000, "replaced by a newer connection"))
        self._counts_changed(client)

    def forget(self, client: Client) -> None:
        """It closed, or delivery dropped it: it gets no more changes."""
        if self.audiences.remove(client):
            self._counts_changed(client)

    def _counts_changed(self, client: Client) -> None:
        """A participant or a host screen came or went: `presence` says so to who counts it."""
        if client.role == "participant":
            self.pipeline.batch().presence = True
        elif client.role == "host":
            self.pipeline.batch().host_presence = True
