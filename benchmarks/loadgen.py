"""The load generator's building blocks: hosts, questions, crowds of participants.

Crowds are `RawClient`s (see rawclient.py for why) or the project's own `Link`s.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import HubProcess
from benchmarks.rawclient import FrameHandler, RawClient, open_many
from panelhost import protocol as p
from panelhost.client.backoff import Backoff
from panelhost.client.link import Link
from panelhost.client.link_events import LinkEvent


async def join_host(hub: HubProcess, on_frame: FrameHandler | None = None) -> RawClient:
    """A host connection (raw), welcomed."""
    host = RawClient(on_frame)
    await host.join(hub.port, role="host", key=hub.key, name="Host")
    return host


async def ask_questions(host: RawClient, count: int) -> list[int]:
    """The host asks `count` questions (hosts have no ask rate limit); their ids."""
    ids = []
    for number in range(count):
        answer = await host.request({"type": "ask", "text": f"Benchmark question {number + 1}?"})
        if answer.type != "ok" or answer.id is None:
            raise RuntimeError(f"the hub refused a question: {answer}")
        ids.append(answer.id)
    return ids


async def join_crowd(
    hub: HubProcess,
    count: int,
    on_frame: FrameHandler | None = None,
    concurrency: int = 200,
) -> list[RawClient]:
    """`count` raw participants, each welcomed."""

    async def start(index: int, client: RawClient) -> None:
        await client.join(hub.port, code=hub.code, name=f"p{index}")

    return await open_many(count, lambda _: RawClient(on_frame), start, concurrency)


async def open_floor_crowd(
    port: int, count: int, on_frame: FrameHandler | None = None, concurrency: int = 200
) -> list[RawClient]:
    """`count` raw clients of the floor server (no hello: the floor has no protocol)."""

    async def start(_: int, client: RawClient) -> None:
        await client.open(port)

    return await open_many(count, lambda _: RawClient(on_frame), start, concurrency)


def close_all(clients: list[RawClient]) -> None:
    for client in clients:
        client.close()


class LinkCrowd:
    """`count` project `Link`s, each running in its own task."""

    def __init__(self, hub: HubProcess, count: int, backoff: Backoff | None = None) -> None:
        self.links = [
            Link(hub.url, role="participant", code=hub.code, name=f"L{i}", backoff=backoff)
            for i in range(count)
        ]
        self.tasks: list[asyncio.Task[Any]] = []
        self.started_at = 0.0

    def start(self) -> None:
        """Start every link at once (a burst)."""
        self.started_at = time.perf_counter()
        self.tasks = [asyncio.create_task(link.run()) for link in self.links]

    def add_listener(self, listener: Callable[[Link, LinkEvent], None]) -> None:
        for link in self.links:
            link.add_listener(listener)

    async def wait_all(self, predicate: Callable[[Link], bool], timeout: float) -> None:
        await asyncio.gather(*(link.wait_until(predicate, timeout) for link in self.links))

    async def close(self) -> None:
        await asyncio.gather(*(link.close() for link in self.links), return_exceptions=True)
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def vote_frame(question_id: int) -> dict[str, Any]:
    return {"type": "vote", "question_id": question_id}


def is_votes(change: p.Change | None) -> bool:
    return isinstance(change, p.Votes)
