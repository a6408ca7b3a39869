"""A real hub on its own event loop in a thread, for synchronous tests such as hypothesis's."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from panelhost.hub import Hub, HubConfig, Limits
from tests.reliability.rawws import CLOSE, PING, PONG, TEXT, RawSocket


@contextmanager
def hub_in_thread(sessions_dir: Path, **limits: Any) -> Iterator[Hub]:
    """Start a hub on 127.0.0.1 in a background loop; stop it and the loop on the way out."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="hub-loop", daemon=True)
    thread.start()
    config = HubConfig(
        sessions_dir=sessions_dir,
        port=0,
        title="Fuzzed panel",
        panelists=(("Dr. Rivera", None),),
        limits=Limits(**limits),
    )
    hub = asyncio.run_coroutine_threadsafe(Hub.start(config), loop).result(30)
    try:
        yield hub
    finally:
        asyncio.run_coroutine_threadsafe(hub.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


class RawPeer:
    """A welcomed connection over a raw socket: send anything, read the hub's answers."""

    def __init__(self, hub: Hub, role: str = "participant", name: str = "Fuzzer") -> None:
        self.raw = RawSocket(hub.port)
        head = self.raw.upgrade()
        assert head.startswith(b"HTTP/1.1 101"), head
        hello: dict[str, Any] = {"type": "hello", "protocol": 1, "role": role, "name": name}
        hello.update({"key": hub.key} if role == "host" else {"code": hub.code})
        self.raw.send_json(hello)
        welcome = self.read()
        assert isinstance(welcome, dict) and welcome["type"] == "welcome", welcome
        self.welcome = welcome
        self._probes = 0

    def read(self) -> dict[str, Any] | int | None:
        """The next message, or the close code (None: cut without one) if the hub closed."""
        while True:
            try:
                opcode, payload = self.raw.read_frame()
            except (EOFError, OSError):
                return None
            if opcode == CLOSE:
                return int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
            if opcode == PING:  # keepalive: a client that does not answer is dropped
                self.raw.send_frame(PONG, payload)
            if opcode == TEXT:
                return json.loads(payload)

    def answers_to(self, payload: bytes, opcode: int = TEXT) -> list[dict[str, Any]] | int | None:
        """Send one frame, then a probe; every message before the probe's answer, or a close."""
        self._probes += 1
        probe = f"probe-{self._probes}"
        self.raw.send_frame(opcode, payload)
        self.raw.send_json({"type": "vote", "question_id": 0, "ref": probe})
        received: list[dict[str, Any]] = []
        while True:
            message = self.read()
            if not isinstance(message, dict):
                return message
            if message.get("ref") == probe:
                assert message["type"] == "error" and message["code"] == "not_found", message
                return received
            received.append(message)

    def close(self) -> None:
        self.raw.close()
