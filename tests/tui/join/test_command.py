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


async def test_a_question_i_withdrew_still_says_withdrawn_after_the_client_restarts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rehearsal: after a SIGKILL and a rejoin, my withdrawn Q7 showed as "dismissed"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    serve = await asyncio.to_thread(start_serve, tmp_path / "sessions", "--title", "Panel")
    argv = [sys.executable, "-m", "panelhost", "join", f"127.0.0.1:{serve.port}", serve.code]
    first = Terminal([*argv, "--name", "Ana"])
    try:
        await asyncio.to_thread(first.expect, "you: Ana")
        first.type("Oops wrong one\n")
        await asyncio.to_thread(first.expect, "sent: Q1 is in the queue")
        first.type("\t")
        await asyncio.to_thread(first.expect, "w withdraw")
        first.type("w")
        await asyncio.to_thread(first.expect, "you withdrew Q1")
    finally:
        first.kill()
    again = Terminal([*argv, "--name", "Ana"])
    try:
        await asyncio.to_thread(again.expect, "you: Ana")
        screen = await asyncio.to_thread(again.expect, "Oops wrong one")
        await asyncio.to_thread(again.expect, "withdrawn")
        assert "dismissed" not in again.plain(), screen
    finally:
        again.kill()
        await asyncio.to_thread(serve.terminate)
