"""A light WebSocket client for thousands of connections in one load-generator process.

The project's `Link` decodes every frame into protocol structs and folds it into a `Mirror`:
right for a UI, but at thousands of connections per process the load generator itself would
become what is measured. `RawClient` speaks just enough RFC 6455 over an asyncio Protocol:
frames are cut by hand and decoded with msgspec into a few fields (type, seq, counts, ref).
Client frames use an all-zero masking key (valid per RFC 6455; the payload goes out as is).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import struct
import time
from collections.abc import Callable
from typing import Any

import msgspec

from benchmarks.common import LOOPBACK

TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA
_ZERO_MASK = b"\x00\x00\x00\x00"


class LightQuestion(msgspec.Struct):
    id: int
    votes: int = 0


class LightState(msgspec.Struct):
    questions: list[LightQuestion] = []


class LightYou(msgspec.Struct):
    id: str


class Frame(msgspec.Struct):
    """The fields of a hub frame the load generator needs; the rest is skipped unread."""

    type: str = ""
    seq: int = 0
    counts: dict[str, int] | None = None
    ref: int | str | None = None
    id: int | None = None
    code: str | None = None
    token: str | None = None
    you: LightYou | None = None
    state: LightState | None = None


_decode_frame = msgspec.json.Decoder(Frame).decode
_encode = msgspec.json.Encoder().encode

FrameHandler = Callable[["RawClient", Frame, float], None]


def client_frame(opcode: int, payload: bytes) -> bytes:
    """One client frame, masked with the all-zero key."""
    length = len(payload)
    if length < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    return head + _ZERO_MASK + payload


class RawClient(asyncio.Protocol):
    """One WebSocket connection to a hub (or to the bare floor server)."""

    def __init__(self, on_frame: FrameHandler | None = None, decode: bool = True) -> None:
        self.on_frame = on_frame
        self.decode = decode
        """False: hand text payloads to `on_text` undecoded (the floor's clients)."""
        self.on_text: Callable[[RawClient, bytes, float], None] | None = None
        self.transport: asyncio.Transport | None = None
        self.upgraded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.welcomed: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.welcome_at = 0.0
        self.identity: str | None = None
        self.token: str | None = None
        self.counts: dict[int, int] = {}
        self.frames = 0
        self.last_seq = 0
        self._buffer = bytearray()
        self._head_done = False
        self._refs = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Frame]] = {}

    # -- connecting ----------------------------------------------------------------------

    async def open(self, port: int, timeout: float = 30) -> None:
        """TCP connect to 127.0.0.1 and upgrade to WebSocket on /ws."""
        loop = asyncio.get_running_loop()
        await loop.create_connection(lambda: self, LOOPBACK, port)
        assert self.transport is not None
        key = base64.b64encode(os.urandom(16)).decode()
        self.transport.write(
            (
                f"GET /ws HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        await asyncio.wait_for(self.upgraded, timeout)

    async def join(
        self,
        port: int,
        *,
        code: str | None = None,
        name: str = "bench",
        role: str = "participant",
        key: str | None = None,
        token: str | None = None,
        timeout: float = 30,
    ) -> Frame:
        """Open, say hello and wait for the welcome."""
        await self.open(port, timeout)
        self.hello(code=code, name=name, role=role, key=key, token=token)
        return await asyncio.wait_for(self.welcomed, timeout)

    def hello(
        self,
        *,
        code: str | None,
        name: str,
        role: str = "participant",
        key: str | None = None,
        token: str | None = None,
    ) -> None:
        message: dict[str, Any] = {"type": "hello", "protocol": 1, "role": role, "name": name}
        if role == "host":
            message["key"] = key
        else:
            message["code"] = code
        if token is not None:
            message["token"] = token
        self.send(message)

    # -- sending -------------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        self.send_text(_encode(message))

    def send_text(self, payload: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(client_frame(TEXT, payload))

    async def request(self, message: dict[str, Any], timeout: float = 30) -> Frame:
        """Send a request with a fresh ref and wait for its ok or error."""
        ref = next(self._refs)
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self._pending[ref] = future
        self.send({**message, "ref": ref})
        return await asyncio.wait_for(future, timeout)

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(client_frame(CLOSE, struct.pack("!H", 1000)))
            self.transport.close()

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(1006)
        for future in (self.upgraded, self.welcomed, *self._pending.values()):
            if not future.done():
                future.set_exception(ConnectionError("connection lost"))
                future.exception()  # retrieved: no warning when nobody was waiting
        self._pending.clear()

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        buffer = self._buffer
        buffer += data
        if not self._head_done:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buffer[: buffer.find(b"\r\n")])
            del buffer[: end + 4]
            self._head_done = True
            if b" 101 " not in status + b" ":
                self.upgraded.set_exception(ConnectionError(status.decode(errors="replace")))
                assert self.transport is not None
                self.transport.close()
                return
            self.upgraded.set_result(None)
        start = 0
        size = len(buffer)
        while size - start >= 2:
            first, second = buffer[start], buffer[start + 1]
            length = second & 0x7F
            offset = start + 2
            if length == 126:
                if size - offset < 2:
                    break
                length = int.from_bytes(buffer[offset : offset + 2], "big")
                offset += 2
            elif length == 127:
                if size - offset < 8:
                    break
                length = int.from_bytes(buffer[offset : offset + 8], "big")
                offset += 8
            if size - offset < length:
                break
            payload = bytes(buffer[offset : offset + length])
            start = offset + length
            self._on_frame(first & 0x0F, payload, now)
        if start:
            del buffer[:start]

    # -- frames ----------------------------------------------------------------------------

    def _on_frame(self, opcode: int, payload: bytes, now: float) -> None:
        if opcode == TEXT:
            self.frames += 1
            if not self.decode:
                if self.on_text is not None:
                    self.on_text(self, payload, now)
                return
            frame = _decode_frame(payload)
            self._on_message(frame, now)
        elif opcode == PING:
            assert self.transport is not None
            self.transport.write(client_frame(PONG, payload))
        elif opcode == CLOSE:
            code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
            if not self.closed.done():
                self.closed.set_result(code)
            assert self.transport is not None
            if not self.transport.is_closing():
                self.transport.write(client_frame(CLOSE, payload[:2]))
                self.transport.close()

    def _on_message(self, frame: Frame, now: float) -> None:
        kind = frame.type
        if kind == "votes" and frame.counts:
            for question_id, votes in frame.counts.items():
                self.counts[int(question_id)] = votes
            self.last_seq = frame.seq
        elif kind in ("ok", "error"):
            pending = self._pending.pop(frame.ref, None) if isinstance(frame.ref, int) else None
            if pending is not None and not pending.done():
                pending.set_result(frame)
        elif kind == "welcome":
            self.welcome_at = now
            self.last_seq = frame.seq
            if frame.you is not None:
                self.identity = frame.you.id
            if frame.token is not None:
                self.token = frame.token
            if frame.state is not None:
                self.counts = {q.id: q.votes for q in frame.state.questions}
            if not self.welcomed.done():
                self.welcomed.set_result(frame)
        if self.on_frame is not None:
            self.on_frame(self, frame, now)


async def open_many(
    count: int,
    make: Callable[[int], RawClient],
    start: Callable[[int, RawClient], Any],
    concurrency: int = 200,
) -> list[RawClient]:
    """Create `count` clients and run `start(i, client)` on each, `concurrency` at a time."""
    clients = [make(i) for i in range(count)]
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> None:
        async with gate:
            await start(index, clients[index])

    await asyncio.gather(*(one(i) for i in range(count)))
    return clients
