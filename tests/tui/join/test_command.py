"""`panelhost join` on a pseudo-terminal: a question typed while the command still joins,
before the app has drawn anything, is asked exactly as typed (its return included)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.processes import BlockingPeer, start_serve

from ..host.test_reattach import Terminal

QUESTION = "What is a typical week like? a t w i ?"


async def test_keys_typed_before_the_app_starts_ask_the_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    serve = await asyncio.to_thread(start_serve, tmp_path / "sessions", "--title", "Panel")
    address = f"127.0.0.1:{serve.port}"
    join = Terminal(
        [sys.executable, "-m", "panelhost", "join", address, serve.code, "--name", "Ana"]
    )
    try:
        # at once, as a student types while the command connects (the tty is not raw yet,
        # so the return arrives as a newline)
        os.write(join.master, QUESTION.encode() + b"\r")
        await asyncio.to_thread(join.expect, "sent: Q1 is in the queue")
        host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
        [question] = host.welcome["state"]["questions"]
        host.ws.close()
        assert question["text"] == QUESTION
        assert question["author"] == "Ana" and question["panelist_id"] is None
        assert question["votes"] == 0 and question["status"] == "open"
    finally:
        join.kill()
        await asyncio.to_thread(serve.terminate)
