"""SIGTERM with stalled clients connected: the hub still exits in time, transcript written."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time

from tests.processes import start_serve
from tests.reliability.peers import add_wide_panel, join, nudge_timer, stalled
from tests.reliability.rawws import RawSocket, open_raw

EXIT_WITHIN_S = 5.0


async def test_sigterm_with_stalled_clients_exits_within_5_s(tmp_path):
    serve = start_serve(tmp_path, "--title", "Shutdown panel")
    raws: list[RawSocket] = []
    try:
        host = await join(serve, role="host", name="Maya")
        await add_wide_panel(host, 30)
        # Readers that never read, in every stage of a connection's life.
        raws += [await stalled(serve, name=f"Stalled {i}") for i in range(3)]
        raws.append(await stalled(serve, role="host", name="Stalled host"))
        raws.append(await open_raw(serve.port))  # upgraded, never says hello
        half = RawSocket(serve.port)  # TCP only, half an HTTP request
        half.send_raw(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        raws.append(half)
        # Frames pile up for the stalled ones (a second host: the rate limits apply here).
        await nudge_timer(await join(serve, role="host", name="Co-host"), 30)
        ana = await join(serve)  # a reader that keeps up: she gets a clean close
        asked = await ana.request("ask", text="Written before the shutdown?")
        assert asked["type"] == "ok"

        started = time.monotonic()
        serve.process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.to_thread(serve.process.wait, EXIT_WITHIN_S)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"still running {time.monotonic() - started:.1f} s after SIGTERM"
            ) from None
        assert code == 0
        assert await ana.close_code() == 1001
    finally:
        for raw in raws:
            raw.close()
        serve.process.kill()
        serve.process.wait(10)

    transcript = json.loads((tmp_path / f"{serve.session_id}.json").read_text())
    assert "Written before the shutdown?" in json.dumps(transcript)
