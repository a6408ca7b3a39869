"""Crash recovery with real processes: SIGKILL the hub, restart it with --resume."""

from __future__ import annotations

import json
import signal
import socket
import subprocess

import pytest

from tests.hub.wire import Peer, hello
from tests.processes import ServeProcess, serve_command, start_serve


async def _join(serve: ServeProcess, **fields) -> Peer:
    message = {
        "type": "hello",
        "protocol": 1,
        "role": "participant",
        "code": serve.code,
        "name": "Ana",
        **fields,
    }
    ws, welcome = await hello(serve.url, message)
    assert welcome["type"] == "welcome", welcome
    return Peer(ws, welcome)


async def _host(serve: ServeProcess, **fields) -> Peer:
    message = {
        "type": "hello",
        "protocol": 1,
        "role": "host",
        "key": serve.key,
        "name": "Maya",
        **fields,
    }
    ws, welcome = await hello(serve.url, message)
    assert welcome["type"] == "welcome", welcome
    return Peer(ws, welcome)


def _resume(serve: ServeProcess) -> ServeProcess:
    return start_serve(serve.sessions_dir, "--resume", serve.session_id, "--port", str(serve.port))


async def test_every_acknowledged_change_survives_sigkill(tmp_path):
    serve = start_serve(
        tmp_path, "--title", "EM alumni panel", "--panelist", "Dr. Rivera, EM resident"
    )
    try:
        ana = await _join(serve)
        ben = await _join(serve, name="Ben")
        host = await _host(serve)
        asked = [
            (await ana.request("ask", text=f"Question {i}", nonce=f"n{i}"))["id"] for i in range(3)
        ]
        for question_id in asked[:2]:
            assert (await ben.request("vote", question_id=question_id))["type"] == "ok"
        assert (await host.request("set_now", question_id=asked[2], panelist_id=1))["type"] == "ok"
        assert (await host.request("timer", action="start", seconds=600))["type"] == "ok"
        assert (await host.request("note", text="Great answer"))["type"] == "ok"
        serve.kill()
    finally:
        serve.process.kill()

    restarted = _resume(serve)
    try:
        again = await _join(restarted, token=ben.token)
        assert again.id == ben.id
        state = again.welcome["state"]
        assert sorted(state["my_votes"]) == asked[:2]
        votes = {q["id"]: q["votes"] for q in state["questions"]}
        assert votes == {asked[0]: 1, asked[1]: 1, asked[2]: 0}
        assert state["now"] == {"question_id": asked[2], "panelist_id": 1}
        assert state["timer"]["state"] == "running"  # a running timer keeps running
        assert 0 < state["timer"]["remaining_ms"] <= 600_000
        assert again.welcome["seq"] >= host.welcome["seq"]
        ana_again = await _join(restarted, token=ana.token)
        assert sorted(ana_again.welcome["state"]["my_questions"]) == asked
        # The nonce still protects against a resend after the restart.
        resent = await ana_again.request("ask", text="Question 0", nonce="n0")
        assert resent["id"] == asked[0]
        host_again = await _host(restarted, token=host.token)
        assert [n["text"] for n in host_again.welcome["state"]["notes"]] == ["Great answer"]
    finally:
        assert restarted.terminate() == 0


async def test_a_torn_last_line_is_dropped_with_a_warning(tmp_path):
    serve = start_serve(tmp_path)
    ana = await _join(serve)
    await ana.request("ask", text="Kept")
    serve.kill()
    journal = tmp_path / f"{serve.session_id}.journal.jsonl"
    with journal.open("ab") as handle:
        handle.write(b'{"type":"question_asked","seq":99,"at":1,"quest')
    restarted = _resume(serve)
    try:
        again = await _join(restarted, token=ana.token)
        assert [q["text"] for q in again.welcome["state"]["questions"]] == ["Kept"]
        assert (await again.request("ask", text="After"))["type"] == "ok"
    finally:
        restarted.terminate()
    assert "torn" in restarted.process.stderr.read()
    assert journal.read_bytes().endswith(b"\n")


def test_a_corrupt_middle_line_refuses_to_start(tmp_path):
    serve = start_serve(tmp_path, "--panelist", "Dr. Rivera", "--panelist", "Dr. Chen")
    serve.kill()
    journal = tmp_path / f"{serve.session_id}.journal.jsonl"
    lines = journal.read_bytes().split(b"\n")
    lines[1] = b'{"type": "garbage'
    journal.write_bytes(b"\n".join(lines))
    result = subprocess.run(
        serve_command(tmp_path, "--resume", serve.session_id),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert str(journal) in message and "line 2" in message


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_sigterm_or_sigint_close_clients_1001_and_write_the_transcript(tmp_path, signum):
    serve = start_serve(tmp_path, "--title", "EM alumni panel")
    ana = await _join(serve)
    await ana.request("ask", text="Before shutdown")
    serve.process.send_signal(signum)
    assert serve.process.wait(10) == 0
    assert await ana.close_code() == 1001
    transcript = json.loads((tmp_path / f"{serve.session_id}.json").read_text())
    assert [q["text"] for q in transcript["questions"]] == ["Before shutdown"]


def test_bad_arguments_give_one_line_and_exit_2(tmp_path):
    for args in (
        ["--port", "99999"],
        ["--resume", "no-such-session"],
        ["--key-file", str(tmp_path)],
        ["--tls-cert", "/nonexistent"],
    ):
        result = subprocess.run(
            serve_command(tmp_path, *args, port=None),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_a_busy_port_gives_one_line_and_exit_2(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            serve_command(tmp_path, port=port),
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert "pick another --port" in result.stderr and "Traceback" not in result.stderr
