"""Sending frames to welcomed clients, and dropping the ones that stopped reading."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.protocol import State as WsState

from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.fanout import Batch

log = logging.getLogger("panelhost.hub")

STALL_SCAN_BYTES = 64 * 1024
"""Scan write buffers after this many bytes went to any one client: bounds a stall's overshoot."""
NO_LINGER = struct.pack("ii", 1, 0)
"""SO_LINGER on, 0 s: close resets at once instead of holding unsent data in FIN-WAIT-1."""


def cut(transport: asyncio.BaseTransport | None) -> None:
    """Abort a connection and free its kernel send buffer now (a reset, no FIN-WAIT-1).

    A plain abort closes the socket, but the kernel keeps a stalled peer's unsent data
    (megabytes) while it retries a FIN that the peer never acknowledges.
    """
    if transport is None or transport.is_closing():
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, NO_LINGER)
    assert isinstance(transport, asyncio.WriteTransport)
    transport.abort()


async def close_all(connections: list[ServerConnection], code: int, reason: str) -> None:
    """Close these connections within 2 s, then cut the rest.

    A stalled reader never answers a close, and one that never finished its handshake
    cannot be sent one: both are cut, so this never takes much over 2 s.
    """
    tasks = [
        asyncio.create_task(ws.close(code, reason))
        for ws in connections
        if ws.protocol.state is WsState.OPEN
    ]
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=2)
        for task in pending:
            task.cancel()
    for ws in connections:
        cut(ws.transport)


class Delivery:
    """Broadcasts a batch's frames to its audiences and keeps the unsent bytes bounded."""

    def __init__(
        self, audiences: Audiences, max_unsent_bytes: int, forget: Callable[[Client], None]
    ) -> None:
        self.audiences = audiences
        self.max_unsent_bytes = max_unsent_bytes
        self._forget = forget
        self._bytes_since_scan = 0
        self.stalled_dropped = 0

    def send_changes(self, batch: Batch) -> None:
        """Broadcast the batch's change frames, each encoded once, to its audience."""
        for audience, frame in batch.frames:
            broadcast(self.audiences.targets(audience), frame, text=True)
            self._sent(len(frame))

    def send_reply(self, client: Any, data: bytes) -> None:
        """One ok, error or welcome to one connection (a closed one is skipped)."""
        broadcast((client.ws,), data, text=True)
        self._sent(len(data))

    def _sent(self, size: int) -> None:
        self._bytes_since_scan += size
        if self._bytes_since_scan >= STALL_SCAN_BYTES:
            self.drop_stalled()

    def drop_stalled(self) -> None:
        """Cut every client with too much unsent: it stopped reading."""
        self._bytes_since_scan = 0
        for client in list(self.audiences.clients.values()):
            transport = client.ws.transport
            if transport is None:
                continue
            unsent = transport.get_write_buffer_size()
            if unsent > self.max_unsent_bytes:
                log.warning("dropping %s: %d bytes unsent", client.identity_id, unsent)
                self.stalled_dropped += 1
                self._forget(client)
                cut(transport)

    async def scan_loop(self) -> None:
        """Once a second, also when nothing is sent (a stall may start between sends)."""
        while True:
            await asyncio.sleep(1)
            self.drop_stalled()
