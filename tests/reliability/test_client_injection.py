"""Terminal injection from a hostile hub: `panelhost join --plain` prints no control sequence.

The real hub normalises text, so this test puts a fake hub on 127.0.0.1 that replays a real
welcome with every text field replaced by escape sequences, then sends a hostile change.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import subprocess
import sys
import time
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from panelhost.client.link import Link
from tests.hub.wire import join
from tests.reliability.test_abuse import BIDI, CONTROL, HOSTILE


def _poison(welcome: dict[str, Any]) -> dict[str, Any]:
    state = welcome["state"]
    state["session"]["title"] = "Title " + HOSTILE
    for panelist in state["panelists"]:
        panelist["name"] = "Dr. " + HOSTILE
        panelist["title"] = HOSTILE
    for question in state["questions"]:
        question["text"] = "Q " + HOSTILE
        question["author"] = "Eve " + HOSTILE
    return welcome


async def test_the_plain_client_prints_hostile_hub_text_inert(hub, tmp_path):
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("ask", text="placeholder"))["type"] == "ok"
    welcome = _poison((await join(hub, name="Ana")).welcome)
    change = {"type": "question", "seq": welcome["seq"] + 1}
    change["question"] = {**welcome["state"]["questions"][0], "id": 2, "text": "Live " + HOSTILE}

    async def hostile(ws: ServerConnection) -> None:
        await ws.recv()  # the hello
        await ws.send(json.dumps(welcome))
        await ws.send(json.dumps(change))
        await ws.wait_closed()

    async with serve(hostile, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
        env["XDG_CONFIG_HOME"] = str(tmp_path)
        client = subprocess.Popen(
            [
                *(sys.executable, "-m", "panelhost", "join", f"ws://127.0.0.1:{port}/ws"),
                *("ABC-DEF", "--plain", "--name", "Ana"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        try:
            output = await asyncio.to_thread(_read_until, client, b"Live", 20)
        finally:
            client.kill()
            with contextlib.suppress(Exception):
                rest, errors = client.communicate(timeout=10)
                output += rest + errors
    text = output.decode("utf-8", "replace")
    assert "Live" in text, text
    offending = sorted({f"U+{ord(ch):04X}" for ch in text if ch in CONTROL + BIDI} - {"U+000A"})
    assert offending == [], (offending, text)
    assert "[bold]markup[/bold]" in text  # markup shows as text


def _read_until(process: subprocess.Popen[bytes], marker: bytes, timeout: float) -> bytes:
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    output = b""
    deadline = time.monotonic() + timeout
    while marker not in output and time.monotonic() < deadline:
        readable, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if not readable:
            break
        chunk = process.stdout.read()
        if not chunk:
            break  # the client exited
        output += chunk
    return output


def _inert(text: str | None) -> bool:
    return text is not None and not any(ch in CONTROL + BIDI for ch in text)


@pytest.mark.parametrize("where", ["error frame", "refused hello", "close reason"])
async def test_a_hostile_hubs_errors_reach_the_link_inert(hub, where):
    """Errors, notices and close reasons pass through the link's one printable rule."""
    welcome = (await join(hub, name="Ana")).welcome
    error = {"type": "error", "ref": None, "code": "forbidden", "message": "No " + HOSTILE}

    async def hostile(ws: ServerConnection) -> None:
        await ws.recv()  # the hello
        if where == "refused hello":
            await ws.send(json.dumps(error))
            await ws.close(1008, "bad")
            return
        await ws.send(json.dumps(welcome))
        if where == "error frame":
            await ws.send(json.dumps(error))
            await ws.wait_closed()
        else:
            await ws.close(4999, "Bye \x1b[2J\u202eevil")  # an unknown code: the link stops

    async with serve(hostile, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        link = Link(f"ws://127.0.0.1:{port}/ws", role="participant", code="ABC", name="Ana")
        task = asyncio.create_task(link.run())
        try:
            if where == "error frame":
                await link.wait_until(lambda link: link.notice is not None, timeout=10)
                shown = link.notice.message if link.notice is not None else None
            else:
                await asyncio.wait_for(task, 10)
                shown = link.reason
        finally:
            await link.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 5)
    assert _inert(shown), repr(shown)
    assert "[2J" in (shown or "")  # shown as text, not dropped: the host can see it was odd
