"""A raw-socket WebSocket client that can misbehave: stop reading, send garbage, send bad frames."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
from typing import Any

TEXT, BINARY, CLOSE, PING, PONG = 0x1, 0x2, 0x8, 0x9, 0xA


def frame(opcode: int, payload: bytes, fin: bool = True) -> bytes:
    """One masked client frame (RFC 6455 section 5.2)."""
    head = bytes([(0x80 if fin else 0) | opcode])
    length = len(payload)
    if length < 126:
        head += bytes([0x80 | length])
    elif length < 1 << 16:
        head += bytes([0x80 | 126]) + struct.pack("!H", length)
    else:
        head += bytes([0x80 | 127]) + struct.pack("!Q", length)
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


class RawSocket:
    """A TCP connection to a hub that speaks just enough WebSocket to be rude.

    `receive_buffer` shrinks SO_RCVBUF before connecting, so that a client that never reads
    fills its kernel buffers quickly and the rest waits in the hub.
    """

    def __init__(
        self,
        port: int,
        receive_buffer: int | None = None,
        timeout: float = 10,
        source: str | None = None,
    ) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if source is not None:  # another loopback address, e.g. 127.0.0.2: another peer
            self.sock.bind((source, 0))
        if receive_buffer is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.settimeout(timeout)
        self.sock.connect(("127.0.0.1", port))
        self.port = port

    def upgrade(self, path: str = "/ws") -> bytes:
        """Send the HTTP upgrade and read the response head; returns it (status line first)."""
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                break
            head += chunk
        return head

    def send_json(self, message: dict[str, Any]) -> None:
        self.send_frame(TEXT, json.dumps(message).encode())

    def send_frame(self, opcode: int, payload: bytes, fin: bool = True) -> None:
        self.sock.sendall(frame(opcode, payload, fin))

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def read_frame(self) -> tuple[int, bytes]:
        """Read one unmasked server frame: (opcode, payload)."""
        first, second = self._exactly(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._exactly(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._exactly(8))[0]
        return first & 0x0F, self._exactly(length)

    def close_code(self) -> int | None:
        """Read frames until the hub closes: the close code it sent, or None if it just hung up."""
        try:
            while True:
                opcode, payload = self.read_frame()
                if opcode == CLOSE:
                    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
        except (ConnectionError, EOFError, TimeoutError, OSError):
            return None

    def _exactly(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise EOFError("connection closed")
            data += chunk
        return data

    def close(self) -> None:
        self.sock.close()


async def open_raw(port: int, receive_buffer: int | None = None, path: str = "/ws") -> RawSocket:
    """Connect and upgrade in a worker thread (the hub may run on this event loop)."""

    def connect() -> RawSocket:
        raw = RawSocket(port, receive_buffer)
        head = raw.upgrade(path)
        if not head.startswith(b"HTTP/1.1 101"):
            raw.close()
            raise ConnectionError(f"upgrade refused: {head[:80]!r}")
        return raw

    return await asyncio.to_thread(connect)
