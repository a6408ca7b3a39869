"""Secrets: key file 0600, constant-time comparisons, hashed tokens, nothing secret leaks."""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from panelhost.embedded import live_hubs
from panelhost.hub import credentials
from tests.hub.wire import hello
from tests.processes import start_serve
from tests.reliability.peers import hello_message, join


async def test_no_secret_in_journal_transcript_exports_or_output(tmp_path):
    serve = start_serve(tmp_path, "--title", "Secret panel", "--panelist", "Dr. Rivera")
    key, code = serve.key, serve.code
    tokens: list[str] = []
    try:
        host = await join(serve, role="host", name="Maya")
        ana = await join(serve)
        ben = await join(serve, name="Ben")
        tokens += [host.token, ana.token, ben.token]
        question = (await ana.request("ask", text="What is the hardest rotation?"))["id"]
        assert (await ben.request("vote", question_id=question))["type"] == "ok"
        assert (await host.request("note", text="Nights", question_id=question))["type"] == "ok"
        # Failed attempts carry secrets too, right or wrong: none may be logged.
        for wrong in ({"key": key + "x"}, {"token": tokens[1][::-1]}, {"code": code + "Z"}):
            role = "host" if "key" in wrong else "participant"
            _, reply = await hello(serve.url, {**hello_message(serve, role, "Eve"), **wrong})
            assert reply["type"] == "error"
        again = await join(serve, token=ana.token)
        assert again.id == ana.id
    finally:
        serve.terminate()
    stdout, stderr = serve.process.communicate(timeout=10)

    files = {path.name: path for path in tmp_path.iterdir()}
    journal = files[f"{serve.session_id}.journal.jsonl"].read_text()
    transcript = files[f"{serve.session_id}.json"].read_text()
    exports = {}
    for form in ("md", "csv", "json"):
        result = subprocess.run(
            [
                *(sys.executable, "-m", "panelhost", "export", serve.session_id),
                *("--format", form, "--sessions-dir", str(tmp_path)),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        exports[form] = result.stdout + result.stderr
    assert "hardest rotation" in transcript and "hardest rotation" in exports["md"]

    # The journal keeps only hashes of the key and the tokens (and the code, to resume).
    for secret in [key, *tokens]:
        assert secret not in journal
    assert credentials.digest(key) in journal
    assert all(credentials.digest(token) in journal for token in tokens)
    # Transcripts and exports are for sharing: no key, token or join code, not even hashed.
    shared = {"transcript": transcript, **exports}
    for name, text in shared.items():
        for secret in [key, *tokens, credentials.digest(key), *map(credentials.digest, tokens)]:
            assert secret not in text, name
        assert code not in text and credentials.canonical_code(code) not in text, name
    # The operator's terminal shows the code (to give out) and the key file's path, never
    # the key or a token, also after failed attempts.
    assert serve.join.endswith(code)  # (the lines start_serve read at start)
    for secret in [key, key + "x", *tokens, tokens[1][::-1]]:
        assert secret not in stdout and secret not in stderr


def test_key_and_live_files_are_readable_by_the_owner_only(tmp_path):
    serve = start_serve(tmp_path)
    try:
        live = tmp_path / f"{serve.session_id}.live.json"
        for path in (serve.key_file, live, tmp_path / f"{serve.session_id}.journal.jsonl"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert serve.key not in live.read_text()
        assert len(serve.key) >= 43  # 256 bits, URL-safe base64
        assert json.loads(live.read_text())["key_file"] == str(serve.key_file)
    finally:
        serve.terminate()
    transcript = tmp_path / f"{serve.session_id}.json"
    assert stat.S_IMODE(transcript.stat().st_mode) == 0o600


async def test_keys_codes_and_tokens_are_compared_in_constant_time(hub, monkeypatch):
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(a, b):  # the real comparison, noted
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(credentials.hmac, "compare_digest", recording)
    _, reply = await hello(hub, {**hello_message(hub, "host", "Eve"), "key": "k" * 43})
    assert reply["code"] == "bad_key"
    assert (b"k" * 43, hub.key.encode()) in compared
    _, reply = await hello(hub, {**hello_message(hub, "participant", "Eve"), "code": "ZZZ-ZZZ"})
    assert reply["code"] == "bad_code"
    assert any(a == b"ZZZZZZ" for a, _ in compared)
    # Tokens are looked up by their SHA-256: the stored value is a hash, never the token.
    ana = await join(hub)
    stored = repr(hub.session.state.identities) + repr(hub.session.state.token_index)
    assert ana.token not in stored and credentials.digest(ana.token) in stored


HOST = (sys.executable, "-m", "panelhost", "host")


def _forge(sessions: Path, name: str, pid: int, url: str, key_file: Path, mode: int) -> Path:
    live = sessions / f"{name}.live.json"
    info = {"pid": pid, "session_id": name, "url": url, "bind": "127.0.0.1", "port": 1}
    info.update(code="ABC-DEF", key_file=str(key_file))
    live.write_text(json.dumps(info))
    live.chmod(mode)
    return live


async def test_a_forged_live_file_never_sends_a_file_as_the_key_anywhere(tmp_path):
    """`panelhost host` sends the key file a live file names to the URL it names: only
    a private live file of this user, naming a private key file in the sessions directory,
    is believed."""
    sessions, secret = tmp_path / "sessions", tmp_path / "secret.txt"
    sessions.mkdir()
    secret.write_text("my-ssh-passphrase-0123456789abcdef\n")
    secret.chmod(0o600)
    received = bytearray()

    async def listener(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        received.extend(await reader.read(65536))
        writer.close()

    other = start_serve(tmp_path / "other")  # a real hub's pid, so the pid check passes
    server = await asyncio.start_server(listener, "127.0.0.1", 0)
    url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/ws"
    inside = sessions / "inside.key"
    inside.write_text("k" * 43 + "\n")
    inside.chmod(0o644)  # readable by others: not a key this hub wrote
    link = sessions / "linked.key"
    link.symlink_to(secret)
    pid = other.process.pid
    try:
        _forge(sessions, "outside", pid, url, secret, 0o600)  # a key file outside the dir
        _forge(sessions, "linked", pid, url, link, 0o600)  # a symlink out of it
        _forge(sessions, "shared", pid, url, inside, 0o600)  # a key others can read
        _forge(sessions, "loose", pid, url, sessions / "x.key", 0o644)  # a live file others wrote
        chowned = _forge(sessions, "foreign", pid, url, sessions / "y.key", 0o600)
        if os.geteuid() == 0:
            os.chown(chowned, 65534, 65534)  # another user's
        assert live_hubs(sessions) == []
        result = await asyncio.to_thread(
            subprocess.run,
            [*HOST, "--sessions-dir", str(sessions), "--bind", "127.0.0.1", "--port", "0"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "re-attaching" not in result.stderr, result.stderr
        assert b"my-ssh-passphrase" not in received and b"k" * 43 not in received
        assert received == b""  # nothing connected to the forged URL at all
    finally:
        server.close()
        other.terminate()
        for hub in live_hubs(sessions):  # the hub that `host` started for itself
            hub.stop()
