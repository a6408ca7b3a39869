"""A failed fsync is fatal for what it covered: a real hub whose every journal fsync fails."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from benchmarks.fsync_probe import launcher
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from panelhost.hub.server import EXIT_JOURNAL_FAILED
from tests.processes import start_serve
from tests.reliability.peers import hello_message, join


async def read_all(ws: Any) -> tuple[list[dict[str, Any]], int | None]:
    """Every message until the hub closes the connection, and the close code."""
    received = []
    try:
        while True:
            received.append(json.loads(await asyncio.wait_for(ws.recv(), 30)))
    except Exception:
        pass
    await ws.wait_closed()
    return received, ws.close_code


async def test_no_client_gets_ok_for_what_a_failed_fsync_covered(tmp_path):
    # A session with a host and a participant who hold resume tokens, made on a good disk.
    first = start_serve(tmp_path)
    host = await join(first, role="host", name="Maya")
    ana = await join(first, name="Ana")
    assert (await host.request("ask", text="Made while the disk was good"))["type"] == "ok"
    await host.close()
    await ana.close()
    assert first.terminate() == 0

    # The same session on a disk whose every fsync fails (resuming writes nothing).
    serve = start_serve(
        tmp_path,
        "--resume",
        first.session_id,
        launcher=launcher(tmp_path / "synced", mode="fail"),
    )
    host = await join(serve, role="host", name="Maya", token=host.token)
    ana = await join(serve, token=ana.token)
    # Many requests at once, from both, with and without refs, and a newcomer's hello.
    newcomer = await connect(serve.url)
    with contextlib.suppress(ConnectionClosed):  # the hub may be gone before the last
        await newcomer.send(json.dumps(hello_message(serve, "participant", "Ben")))
        for i in range(5):
            await host.send({"type": "ask", "text": f"Asked on a failing disk {i}", "ref": i})
            await ana.send({"type": "ask", "text": f"Ana asks {i}", "ref": f"a{i}"})
            await ana.send({"type": "vote", "question_id": 1})
    (host_got, host_code), (ana_got, ana_code), (newcomer_got, _) = await asyncio.gather(
        read_all(host.ws), read_all(ana.ws), read_all(newcomer)
    )

    everything = host_got + ana_got + newcomer_got
    assert not [m for m in everything if m["type"] in ("ok", "welcome")], everything
    # Each request with a ref that was answered at all was answered `unavailable`.
    answers = [m for m in host_got + ana_got if m["type"] == "error"]
    assert answers, "nobody was told"
    assert all(m["code"] == "unavailable" for m in answers), answers
    assert [m["code"] for m in newcomer_got] == ["unavailable"], newcomer_got
    # Connected clients are told to reconnect (1011); the hub exits to be restarted.
    assert host_code == 1011 and ana_code == 1011
    code = serve.process.wait(30)
    assert code == EXIT_JOURNAL_FAILED
    assert serve.process.stderr is not None
    log = [line for line in serve.process.stderr.read().splitlines() if line.strip()]
    assert len(log) == 1 and "fsync failed" in log[0] and "--resume" in log[0], log
    assert not (tmp_path / f"{serve.session_id}.live.json").exists()

    # Restarted on a good disk, it serves from its journal: the first question is there.
    again = start_serve(tmp_path, "--resume", first.session_id)
    try:
        host = await join(again, role="host", name="Maya", token=host.token)
        texts = [q["text"] for q in host.welcome["state"]["questions"]]
        assert texts[0] == "Made while the disk was good"
    finally:
        assert again.terminate() == 0
