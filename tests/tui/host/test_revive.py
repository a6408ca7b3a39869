"""`panelhost host` restarts its own hub when it goes (a failed fsync makes it exit)."""

from __future__ import annotations

import os
import signal

from panelhost.embedded import LiveHub, live_hubs
from tests.hub.wire import hello

from .test_reattach import panelhost_host


def _participant(hub: LiveHub) -> dict[str, object]:
    return {"type": "hello", "protocol": 1, "role": "participant", "code": hub.code, "name": "Ana"}


async def test_the_host_restarts_its_hub_from_the_journal_when_it_dies(tmp_path):
    sessions = tmp_path / "sessions"
    host = panelhost_host(sessions, "--bind", "127.0.0.1", "--port", "0", "--title", "Revived")
    hubs: list[LiveHub] = []
    try:
        host.expect("hub: connected")
        [first] = hubs = live_hubs(sessions)
        ws, welcome = await hello(first.url, _participant(first))
        assert welcome["type"] == "welcome"
        await ws.close()

        os.kill(first.pid, signal.SIGKILL)  # gone without a word, as after exit 3
        host.expect("restarted from its journal")
        [second] = live_hubs(sessions)
        hubs.append(second)
        assert second.session_id == first.session_id and second.pid != first.pid
        assert second.port == first.port  # where every client's reconnect looks
        ws, welcome = await hello(second.url, _participant(second))
        assert welcome["state"]["session"]["title"] == "Revived"
        await ws.close()
    finally:
        host.kill()
        for hub in hubs:
            hub.stop()
    assert live_hubs(sessions) == []
