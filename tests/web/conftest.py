"""Real headless Debian chromium (driven by Playwright, no browser download) and real rooms.

Missing tools skip with one line saying what to install; in CI (CI=true) they fail.
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.processes import BlockingPeer, start_serve
from tests.web.chromium import CHROMIUM, CHROMIUM_FLAGS

PANEL = ("Dr. Rivera, EM resident, PGY-2", "Dr. Chen, Pediatrics")


def require(what: str, found: bool, install: str) -> None:
    """Skip (fail in CI) when a tool the test needs is missing, saying how to get it."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI: .ci/run should have installed it ({install})")
    pytest.skip(f"{what} not found; install it with: {install}")


@contextmanager
def chromium(*extra_flags: str) -> Iterator[Any]:
    """Debian's chromium under Playwright (its own fresh profile per launch)."""
    require("chromium", Path(CHROMIUM).exists(), "apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("playwright", False, "pip install -e '.[test]'")
        raise
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, *extra_flags]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module; each test opens its own contexts (fresh profiles)."""
    with chromium() as launched:
        yield launched


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Room:
    """A real `panelhost serve` on a fixed port (so a restart keeps the page's address)."""

    def __init__(self, sessions_dir: Path, *args: str) -> None:
        self.sessions_dir = sessions_dir
        self.args = args
        self.port = free_port()
        self.serve = start_serve(sessions_dir, "--port", str(self.port), *PANEL_ARGS, *args)
        self.processes: list[subprocess.Popen[str]] = []

    @property
    def link(self) -> str:
        return self.serve.page

    def host(self) -> BlockingPeer:
        return BlockingPeer(self.serve.url, {"role": "host", "key": self.serve.key, "name": "Maya"})

    def kill_and_resume(self) -> None:
        """SIGKILL the hub, then start it again from its journal on the same port."""
        self.serve.kill()
        self.serve = start_serve(
            self.sessions_dir,
            "--port",
            str(self.port),
            "--resume",
            self.serve.session_id,
            *self.args,
        )

    def plain_client(
        self, name: str, home: Path, address: str | None = None, ca_file: Path | None = None
    ) -> Terminal:
        """`panelhost join --plain` as a terminal participant, driven through its stdin;
        `ca_file` is the certificate it trusts for wss."""
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(home),
            "XDG_CONFIG_HOME": str(home),
            "PYTHONUNBUFFERED": "1",
        }
        if ca_file is not None:
            env["SSL_CERT_FILE"] = str(ca_file)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "panelhost",
                "join",
                "--plain",
                address or f"127.0.0.1:{self.port}",
                self.serve.code,
                "--name",
                name,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.processes.append(process)
        terminal = Terminal(process)
        terminal.wait_for("Joined")
        return terminal

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait(10)
        if self.serve.process.poll() is None:
            self.serve.terminate()


class Terminal:
    """A line-mode client's stdin and the lines it printed (read on a thread)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """The first line (seen or still to come) that contains `text`."""
        for line in self.seen:
            if text in line:
                return line
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"the terminal never printed {text!r}: {self.seen}") from None
            self.seen.append(line)
            if text in line:
                return line


PANEL_ARGS = [arg for name in PANEL for arg in ("--panelist", name)] + [
    "--title",
    "EM alumni panel",
]


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    made = Room(tmp_path / "sessions")
    yield made
    made.stop()


@pytest.fixture
def early_room(tmp_path: Path) -> Iterator[Room]:
    """A room whose session opened early for questions (`panelhost serve --opens-early`)."""
    made = Room(tmp_path / "sessions", "--opens-early")
    yield made
    made.stop()


def has_nginx() -> bool:
    return shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()
