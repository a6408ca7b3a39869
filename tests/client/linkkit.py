"""Helpers for link tests: open links to a real hub and close them all at the end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from panelhost.client.backoff import Backoff
from panelhost.client.link import Link
from panelhost.hub import Hub

FAST = Backoff(first_s=0.05, factor=2.0, max_s=0.5)
"""Reconnect quickly in tests."""

OpenLink = Callable[..., Awaitable[Link]]


@pytest.fixture
async def open_link() -> AsyncIterator[OpenLink]:
    """`await open_link(hub_or_url, name="Ana")`: a running, connected participant link.

    Pass `role="host"` (the hub's key is used) or any Link option; `wait=False` returns
    at once without waiting for the welcome.
    """
    running: list[tuple[Link, asyncio.Task[Any]]] = []

    async def start(target: Hub | str, wait: bool = True, **options: Any) -> Link:
        url = target if isinstance(target, str) else target.url
        role = options.setdefault("role", "participant")
        if isinstance(target, Hub):
            if role == "host":
                options.setdefault("key", target.key)
            else:
                options.setdefault("code", target.code)
        options.setdefault("backoff", FAST)
        link = Link(url, **options)
        task = asyncio.create_task(link.run())
        running.append((link, task))
        if wait:
            await link.wait_until(lambda link: link.status != "connecting", timeout=10)
        return link

    yield start
    for link, task in running:
        await link.close()
        try:
            await asyncio.wait_for(task, 5)
        except TimeoutError:
            task.cancel()
