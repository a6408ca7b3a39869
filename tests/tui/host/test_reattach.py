"""The room survives the host TUI: kill -9 `panelhost host`, the hub serves on, re-attach.

Real processes: `panelhost host` runs under a pseudo-terminal (TERM set, 120x34), as a
person would run it; its embedded hub is a detached `panelhost serve` on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from panelhost.embedded import LiveHub, live_hubs
from tests.hub.wire import hello

from ...client.linkkit import FAST
from .hostkit import SIZE, ask, shows

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class Terminal:
    """A process on a pseudo-terminal; `expect` reads its screen output as plain text."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 34, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "34"}
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.output = ""

    def expect(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while text not in ANSI.sub("", self.output):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                raise AssertionError(f"{text!r} never appeared; output: {self.plain()[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], min(remaining, 0.2))
            if ready:
                with contextlib.suppress(OSError):
                    self.output += os.read(self.master, 65536).decode("utf-8", "replace")
        return self.plain()

    def plain(self) -> str:
        return ANSI.sub("", self.output)

    def type(self, text: str) -> None:
        """Type `text` as keys (a line ends with a carriage return, as the Enter key sends)."""
        os.write(self.master, text.replace("\n", "\r").encode())

    def kill(self) -> None:
        """SIGKILL, as a crash or a closed terminal would end it without cleanup."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        os.close(self.master)


def panelhost_host(sessions_dir: Path, *options: str) -> Terminal:
    return Terminal(
        [sys.executable, "-m", "panelhost", "host", "--sessions-dir", str(sessions_dir), *options]
    )


async def test_the_session_survives_a_killed_host_and_host_reattaches(tmp_path):
    sessions = tmp_path / "sessions"
    first = panelhost_host(
        sessions, "--bind", "127.0.0.1", "--port", "0", "--title", "EM alumni panel"
    )
    hubs: list[LiveHub] = []
    try:
        first.expect("connected")
        hubs = live_hubs(sessions)
        [hub] = hubs
        first.expect(f"panelhost join 127.0.0.1:{hub.port} {hub.code}")
        first.kill()

        # the room goes on: a participant joins the hub the dead TUI started
        assert live_hubs(sessions) == [hub]
        ws, welcome = await hello(
            hub.url, {"type": "hello", "protocol": 1, "role": "participant",
                      "code": hub.code, "name": "Ana"},
        )  # fmt: skip
        assert welcome["state"]["session"]["title"] == "EM alumni panel"
        await ws.close()

        # running it again re-attaches to that session, no new hub
        second = panelhost_host(sessions)
        try:
            second.expect("Attach to it (a), or start a new session (n)? [a]")
            second.type("\n")
            screen = second.expect("hub: connected")
            assert f"Re-attached to the live session {hub.session_id}" in screen
            assert f"{hub.code}" in second.expect(hub.code)
            assert live_hubs(sessions) == [hub]
        finally:
            second.kill()
    finally:
        if first.process.poll() is None:
            first.kill()
        for live in hubs or live_hubs(sessions):
            live.stop()
    assert live_hubs(sessions) == []


def test_bad_host_options_are_one_line_and_exit_2(tmp_path, capsys):
    from panelhost.cli import main

    assert main(["host", "--connect", "127.0.0.1:9", "--sessions-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "panelhost host: --connect needs --key-file FILE (the host key the hub wrote)\n"
    )
    key = tmp_path / "key"
    key.write_text("secret\n")
    argv = ["host", "--connect", "127.0.0.1:9", "--key-file", str(key), "--title", "X"]
    assert main(argv) == 2
    assert "with --connect the hub's own settings apply" in capsys.readouterr().err
    assert main(["host", "--sessions-dir", str(tmp_path), "--port", "70000"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


async def test_connect_with_a_wrong_key_or_no_hub_is_one_line_before_any_screen(
    hub, tmp_path, capfd
):
    from panelhost.cli import main

    key = tmp_path / "key"
    key.write_text("not-the-host-key-of-this-hub\n")
    for url in (hub.url, "ws://127.0.0.1:9/ws"):
        argv = ["host", "--connect", url, "--key-file", str(key)]
        assert await asyncio.to_thread(main, argv) == 2
        out, err = capfd.readouterr()
        assert out == ""  # Textual never took the terminal
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


async def test_a_host_joined_before_the_app_starts_paints_as_the_command_runs_it(hub, open_link):
    from panelhost.client.joining import join_first, stop_link
    from panelhost.client.link import Link
    from panelhost.tui.host import HostOptions, make_host_app

    ana = await open_link(hub, name="Ana")
    await ask(ana, "Asked before the host arrived")
    link = Link(hub.url, role="host", key=hub.key, name="Maya", backoff=FAST)
    task = await join_first(link)
    options = HostOptions(bell=False, join_command=f"panelhost join 127.0.0.1:{hub.port} X")
    app = make_host_app(hub.url, hub.key, options=options, link=link, start_link=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await shows(pilot, app, "hub: connected", "Asked before the host arrived")
    finally:
        await stop_link(link, task)
