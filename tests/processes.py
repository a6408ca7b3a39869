"""Real `panelhost serve` processes for tests that kill and restart the hub."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect


@dataclass
class ServeProcess:
    """A running `panelhost serve`, with what it printed at start."""

    process: subprocess.Popen[str]
    session_id: str
    url: str
    join: str
    key_file: Path
    sessions_dir: Path
    joins: list[str]
    """Every `join` line, best first (`join` is the last of them)."""
    page: str = ""
    """The page's join link, `http://ADDRESS:PORT/#CODE`."""

    @property
    def code(self) -> str:
        return self.join.split()[-1]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/")[0])

    @property
    def key(self) -> str:
        return self.key_file.read_text().strip()

    def kill(self) -> None:
        """SIGKILL: no cleanup, as in a crash."""
        self.process.kill()
        self.process.wait(10)

    def terminate(self, timeout: float = 10) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)


LAUNCHER = (sys.executable, "-m", "panelhost")
"""How tests run panelhost: this Python, the installed package."""


def serve_command(
    sessions_dir: Path | None,
    *args: str,
    port: int | None = 0,
    launcher: Sequence[str] = LAUNCHER,
) -> list[str]:
    """`panelhost serve --port PORT --sessions-dir DIR ARGS...` as an argument list.

    `port=None` or `sessions_dir=None` leaves that option out (a test of what `serve` says
    about a bad one passes it in `args`, or needs it absent).
    """
    command = [*launcher, "serve"]
    if port is not None:
        command += ["--port", str(port)]
    if sessions_dir is not None:
        command += ["--sessions-dir", str(sessions_dir)]
    return [*command, *args]


def start_serve(
    sessions_dir: Path,
    *args: str,
    timeout: float = 20,
    preexec_fn: Callable[[], None] | None = None,
    launcher: Sequence[str] = LAUNCHER,
) -> ServeProcess:
    """Start `panelhost serve --port 0` and wait until it prints where it listens.

    `preexec_fn` runs in the child before it starts (a test sets resource limits there);
    `launcher` runs panelhost (benchmarks/fsync_probe.py interposes on fsync).
    """
    command = serve_command(sessions_dir, *args, launcher=launcher)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=preexec_fn,
    )
    fields: dict[str, str] = {}
    joins: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while "journal" not in fields:
        line = process.stdout.readline()
        if not line or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate(timeout=5)
            raise RuntimeError(f"panelhost serve did not start: {err.strip()}")
        name, _, value = line.strip().partition(" ")
        fields[name] = value.strip()
        if name == "join":
            joins.append(value.strip())
    return ServeProcess(
        process=process,
        session_id=fields["session"].split()[0],
        url=fields["address"],
        join=fields["join"],
        key_file=Path(fields["host"].removeprefix("key").strip()),
        sessions_dir=sessions_dir,
        joins=joins,
        page=fields.get("page", ""),
    )


class BlockingPeer:
    """A blocking protocol connection, to set up a room from a synchronous test."""

    def __init__(self, url: str, hello: dict[str, Any]) -> None:
        self.ws: ClientConnection = connect(url, open_timeout=10, legacy=True)
        self.ws.send(json.dumps({"type": "hello", "protocol": 1, **hello}))
        reply = json.loads(self.ws.recv(timeout=10))
        assert reply["type"] == "welcome", reply
        self.welcome: dict[str, Any] = reply
        self.refs = 0

    def request(self, type: str, **fields: Any) -> dict[str, Any]:
        """Send a request with a fresh ref; its answer, which must be `ok`."""
        self.refs += 1
        self.ws.send(json.dumps({"type": type, "ref": self.refs, **fields}))
        while True:
            message = json.loads(self.ws.recv(timeout=10))
            if message.get("ref") == self.refs:
                assert message["type"] == "ok", message
                return message
