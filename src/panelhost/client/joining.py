"""Joining before a client shows anything: wait for the hub's first welcome or refusal.

`panelhost join` (TUI and `--plain`) and `panelhost screen` start their link this way, so a
wrong code or an unreachable hub is one plain line and exit 2, never a full-screen app
that flashes and vanishes.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit

from panelhost.client.link import Link, LinkStatus

STOP_TIMEOUT_S = 5.0
"""How long a closing link may take to say goodbye before its task is cancelled."""


class JoinFailed(Exception):
    """The hub refused the link or never answered; the message is one sentence."""


async def join_first(link: Link) -> asyncio.Task[LinkStatus]:
    """Start `link.run()` and wait for the first welcome; the running task (see `stop_link`).

    Raises `JoinFailed` (after stopping the link) if the hub refuses, cannot be reached,
    or does not answer in time.
    """
    task = asyncio.create_task(link.run())
    # the link gives the connection and the hello `open_timeout` each before it gives up
    timeout = 2 * link.open_timeout + STOP_TIMEOUT_S
    try:
        await link.wait_until(lambda link: link.status != "connecting", timeout)
    except TimeoutError:
        await stop_link(link, task)
        where = urlsplit(link.url).netloc or link.url
        raise JoinFailed(f"{where} did not answer in time; check the address") from None
    if link.stopped:
        await stop_link(link, task)
        raise JoinFailed(link.reason or "could not join the session")
    return task


async def stop_link(link: Link, task: asyncio.Task[LinkStatus]) -> None:
    """Leave (close 1000) and wait for the link's task; cancel it if it hangs."""
    await link.close()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(task, STOP_TIMEOUT_S)  # cancels the task when it times out


def insecure_warning(url: str) -> str:
    """What `--insecure` means for this address, said once on stderr before joining."""
    if url.lower().startswith("wss:"):
        return (
            "warning: --insecure: the hub's certificate is not checked, so anyone on the "
            "network path could pretend to be the hub"
        )
    return "warning: --insecure changes nothing here: ws:// is not encrypted at all"
