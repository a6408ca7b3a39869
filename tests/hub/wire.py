"""A minimal protocol client for hub tests, written from PROTOCOL.md: raw JSON over websockets."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from panelhost.hub import Hub

TIMEOUT = 10
_refs = itertools.count(1)


class Peer:
    """One connection: sends requests with refs, keeps every change it receives."""

    def __init__(self, ws: ClientConnection, welcome: dict[str, Any]) -> None:
        self.ws = ws
        self.welcome = welcome
        self.received: list[dict[str, Any]] = []

    @property
    def token(self) -> str | None:
        return self.welcome.get("token")

    @property
    def id(self) -> str:
        return self.welcome["you"]["id"]

    async def recv(self) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.ws.recv(), TIMEOUT))
        self.received.append(message)
        return message

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        await self.ws.send(json.dumps(message) if isinstance(message, dict) else message)

    async def request(self, type: str, **fields: Any) -> dict[str, Any]:
        """Send a request with a fresh ref; return its ok or error (changes are kept)."""
        ref = next(_refs)
        await self.send({"type": type, "ref": ref, **fields})
        return await self.until(lambda m: m.get("ref") == ref and m["type"] in ("ok", "error"))

    async def until(self, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Receive until a message matches; return it."""
        while True:
            message = await self.recv()
            if predicate(message):
                return message

    async def change(self, type: str) -> dict[str, Any]:
        return await self.until(lambda m: m["type"] == type)

    def changes(self, type: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["type"] == type]

    async def close_code(self) -> int | None:
        """Wait for the hub to close this connection; its close code."""
        try:
            while True:
                await self.recv()
        except Exception:
            pass
        await self.ws.wait_closed()
        return self.ws.close_code

    async def close(self) -> None:
        await self.ws.close()


async def hello(hub: Hub | str, message: dict[str, Any]) -> tuple[ClientConnection, dict]:
    """Open a connection, send `message` as the hello, return it and the first reply."""
    url = hub if isinstance(hub, str) else hub.url
    ws = await connect(url, open_timeout=TIMEOUT)
    await ws.send(json.dumps(message))
    reply = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
    return ws, reply


async def join(hub: Hub, role: str = "participant", name: str = "Ana", **fields: Any) -> Peer:
    """Join and return the peer; fails the test unless the hub says welcome."""
    message: dict[str, Any] = {"type": "hello", "protocol": 1, "role": role, "name": name}
    if role == "host":
        message["key"] = hub.key
    else:
        message["code"] = hub.code
    message.update(fields)
    ws, reply = await hello(hub, message)
    assert reply["type"] == "welcome", reply
    return Peer(ws, reply)


async def hello_outcome(url: str, code: str, **connect_options: Any) -> str:
    """A participant hello: "welcome", the error's code, or "closed" (closed right after the
    upgrade with no message: a blocked address). `connect_options` go to `connect`."""
    from websockets.exceptions import ConnectionClosed

    async with connect(url, open_timeout=TIMEOUT, **connect_options) as ws:
        hello = {"type": "hello", "protocol": 1, "role": "participant", "code": code, "name": "S"}
        try:
            await ws.send(json.dumps(hello))
            reply = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        except ConnectionClosed:
            return "closed"
        return "welcome" if reply["type"] == "welcome" else str(reply["code"])
