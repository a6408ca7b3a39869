"""`panelhost join` on a pseudo-terminal: a question typed while the command still joins,
before the app has drawn anything, is asked exactly as typed (its return included)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.processes import BlockingPeer, start_serve

from ..host.test_reattach import Terminal

QUESTION = "What is a typical week like? a t w i ?"


async def _hub_and_join_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, list[str]]:
    """A `panelhost serve` of its own (own XDG dirs) and the `panelhost join` argv for it."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    serve = await asyncio.to_thread(start_serve, tmp_path / "sessions", "--title", "Panel")
    return serve, [sys.executable, "-m", "panelhost", "join", f"127.0.0.1:{serve.port}", serve.code]


def _questions_the_host_sees(serve: Any) -> list[dict[str, Any]]:
    """The questions in a host's welcome: what the hub holds, whatever the client showed."""
    host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
    host.ws.close()
    return list(host.welcome["state"]["questions"])


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
        [question] = _questions_the_host_sees(serve)
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
    serve, argv = await _hub_and_join_command(tmp_path, monkeypatch)
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


async def test_keys_typed_right_after_tab_act_on_the_list_not_the_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rehearsal: tab, j, j, space sent at once left "jj " in the ask box and voted nothing
    serve, argv = await _hub_and_join_command(tmp_path, monkeypatch)
    ben = BlockingPeer(serve.url, {"role": "participant", "code": serve.code, "name": "Ben"})
    ben.request("ask", text="First one")
    ben.request("ask", text="Second one")
    ben.ws.close()
    join = Terminal([*argv, "--name", "Ana"])
    try:
        await asyncio.to_thread(join.expect, "you: Ana")
        await asyncio.to_thread(join.expect, "Second one")  # its row: the student sees it
        join.type("\tj ")  # at once: to the list, one row down, vote
        await asyncio.to_thread(join.expect, "you voted for Q2")
        votes = {q["id"]: q["votes"] for q in _questions_the_host_sees(serve)}
        assert votes == {1: 0, 2: 1}
        join.type("\tx")  # back to the box at once: x is text
        await asyncio.to_thread(join.expect, "1/300")
    finally:
        join.kill()
        await asyncio.to_thread(serve.terminate)


async def test_two_questions_typed_at_once_are_asked_each_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rehearsal: "How?⏎Why?⏎" sent at once asked "How?Why?" twice (the box's enter read
    # the box after the second line had gone into it, and cleared both)
    serve, argv = await _hub_and_join_command(tmp_path, monkeypatch)
    join = Terminal([*argv, "--name", "Ana"])
    try:
        await asyncio.to_thread(join.expect, "you: Ana")
        join.type("How did you choose EM?\rWhat are nights like?\r")
        await asyncio.to_thread(join.expect, "sent: Q2")
        texts = [q["text"] for q in _questions_the_host_sees(serve)]
        assert texts == ["How did you choose EM?", "What are nights like?"]
    finally:
        join.kill()
        await asyncio.to_thread(serve.terminate)
