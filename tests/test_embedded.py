"""The host's own hub process: spawned detached, found again, stopped cleanly."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys

import pytest

from panelhost.embedded import EmbeddedHubError, LiveHub, live_hubs, spawn_hub
from tests.hub.wire import hello


async def test_spawned_hub_serves_and_is_found_again(tmp_path):
    hub = spawn_hub(tmp_path, ["--port", "0", "--title", "EM alumni panel"])
    try:
        assert [h.session_id for h in live_hubs(tmp_path)] == [hub.session_id]
        log = tmp_path / f"{hub.session_id}.hub.log"
        assert hub.code in log.read_text()  # it holds the join line ...
        assert stat.S_IMODE(log.stat().st_mode) == 0o600  # ... so it is private
        ws, welcome = await hello(
            hub.url,
            {"type": "hello", "protocol": 1, "role": "host", "key": hub.key, "name": "Maya"},
        )
        assert welcome["state"]["session"]["title"] == "EM alumni panel"
        await ws.close()
    finally:
        assert hub.stop()
    assert live_hubs(tmp_path) == []
    assert (tmp_path / f"{hub.session_id}.json").exists()  # the transcript


def test_the_hub_outlives_the_process_that_started_it(tmp_path):
    script = (
        "import sys; from pathlib import Path; from panelhost.embedded import spawn_hub; "
        "hub = spawn_hub(Path(sys.argv[1]), ['--port', '0']); print(hub.pid, flush=True); "
        "import time; time.sleep(60)"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        pid = int(parent.stdout.readline())
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        [hub] = live_hubs(tmp_path)
        assert hub.pid == pid
    finally:
        parent.kill()
    assert hub.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_hub_that_cannot_start_says_why(tmp_path):
    with pytest.raises(EmbeddedHubError, match="no session 'nope'"):
        spawn_hub(tmp_path, ["--port", "0", "--resume", "nope"])


def test_a_stale_live_file_naming_another_process_is_ignored_and_never_signalled(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "old.live.json").write_text(
            f'{{"pid": {sleeper.pid}, "session_id": "old", "url": "ws://127.0.0.1:9/ws", '
            f'"code": "AAA-AAA", "key_file": "{tmp_path}/old.key", "bind": "127.0.0.1", '
            '"port": 9}'
        )
        assert live_hubs(tmp_path) == []  # the pid is alive, but it is not a hub
        hub = LiveHub(
            "old", "ws://127.0.0.1:9/ws", "AAA-AAA", tmp_path / "k", sleeper.pid, "127.0.0.1", 9
        )
        assert hub.stop(timeout=1)
        assert sleeper.poll() is None  # not signalled
    finally:
        sleeper.kill()


def test_a_revived_hub_says_why_the_last_one_stopped_and_keeps_its_log(tmp_path):
    from panelhost.embedded import revive_or_explain

    hub = spawn_hub(tmp_path, ["--port", "0"])
    revived = None
    try:
        log = tmp_path / f"{hub.session_id}.hub.log"
        with log.open("a") as handle:  # what a hub whose fsync failed logs, then it exits 3
            handle.write("panelhost serve: journal fsync failed (Input/output error): ...\n")
        os.kill(hub.pid, signal.SIGKILL)
        revived, message = revive_or_explain(hub, tmp_path)
        assert revived is not None and revived.pid != hub.pid and revived.port == hub.port
        assert message is not None
        assert message.startswith("The hub stopped (journal fsync failed (Input/output error)")
        assert "restarted from its journal" in message
        previous = tmp_path / f"{hub.session_id}.hub.previous.log"
        assert "fsync failed" in previous.read_text()
        assert revive_or_explain(revived, tmp_path, wait_s=0.2) == (None, None)  # still up
    finally:
        for live in live_hubs(tmp_path):
            live.stop()


async def test_a_hub_stopped_on_purpose_is_not_revived(tmp_path):
    """Leaving the demo stops its hub; the host link then sees the hub go, as after a
    crash, and asks for a revival: it must not start the hub again."""
    import asyncio

    from panelhost.commands.hub_control import KeptHub

    hub = await asyncio.to_thread(spawn_hub, tmp_path, ["--bind", "127.0.0.1", "--port", "0"])
    kept = KeptHub(hub, tmp_path)
    try:
        await kept.stop()
        assert await kept.revive() is None
        assert live_hubs(tmp_path) == []
    finally:
        kept.current.stop()
        hub.stop()
