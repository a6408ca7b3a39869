"""The hub's background tasks, supervised: one that dies of an exception stops the hub."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("panelhost.hub")


class Supervisor:
    """Keeps a reference to every task (so none is collected mid-flight) and watches it.

    Without this, a committer that raised would leave every client waiting for its `ok`
    forever while the hub looked alive.
    """

    def __init__(self, on_death: Callable[[str], None]) -> None:
        self._on_death = on_death
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]:
        task = asyncio.create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        log.error(
            "hub task %s died (%s: %s); stopping the hub", task.get_name(), type(exc).__name__, exc
        )
        self._on_death(f"task {task.get_name()} died")

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
