"""Typed lines in, for the plain client: stdin read by a thread, handed to the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import TextIO


def read_lines(stream: TextIO) -> asyncio.Queue[str | None]:
    """Feed the lines of `stream` into a queue (None at the end), from a daemon thread.

    A thread works for terminals, pipes and regular files alike, and a daemon thread
    blocked in a read never holds up the exit.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(item: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed: we are leaving
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def pump() -> None:
        try:
            for line in stream:
                put(line)
        except (OSError, ValueError):
            pass
        put(None)

    threading.Thread(target=pump, name="panelhost-stdin", daemon=True).start()
    return queue
