"""A hub task that dies of an unexpected exception stops the hub, instead of a silent hang."""

from __future__ import annotations

import asyncio
import logging

from tests.reliability.peers import join


def boom(*args: object) -> None:
    raise RuntimeError("boom")


async def test_a_dead_committer_is_logged_and_stops_the_hub(make_hub, caplog):
    caplog.set_level(logging.ERROR, logger="panelhost.hub")
    hub = await make_hub()
    host = await join(hub, role="host", name="Maya")
    hub.pipeline._encode = boom  # a bug in encoding a batch, as the committer meets it
    await host.send({"type": "ask", "text": "Will anyone answer?", "ref": 1})
    code = await host.close_code()  # without supervision: no answer and no close, ever
    assert code == 1011
    assert not [m for m in host.received if m["type"] == "ok"]
    await asyncio.wait_for(hub.stopped.wait(), 10)
    assert hub.failure is not None and "hub-commit" in hub.failure
    died = [r.getMessage() for r in caplog.records if "died" in r.getMessage()]
    assert died == ["hub task hub-commit died (RuntimeError: boom); stopping the hub"], died
