"""`panelhost host` while a session is live: found from any directory, asked, never silent.

Real processes: the live hub is a detached `panelhost serve` with its own `--sessions-dir`;
`panelhost host` runs under a pseudo-terminal from another directory, with no
`--sessions-dir`, and a person answers its question.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panelhost.embedded import LiveHub, live_hubs, live_hubs_anywhere, spawn_hub

from .test_reattach import Terminal


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own user data dir (its registry of live sessions) and config."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def live_elsewhere(user_dirs: Path) -> Iterator[LiveHub]:
    """A live session in a sessions directory of its own, as `host --sessions-dir` leaves."""
    directory = user_dirs / "elsewhere" / "sessions"
    hub = spawn_hub(directory, ["--bind", "127.0.0.1", "--port", "0", "--title", "EM panel"])
    yield hub
    for live in live_hubs_anywhere(directory):
        live.stop()


def host_in_terminal(*options: str) -> Terminal:
    return Terminal([sys.executable, "-m", "panelhost", "host", *options])


def test_a_live_session_elsewhere_is_found_and_attaching_names_the_ignored_options(
    live_elsewhere: LiveHub,
) -> None:
    terminal = host_in_terminal("--title", "Another panel", "--port", "0", "--bind", "127.0.0.1")
    try:
        asked = terminal.expect("Attach to it (a), or start a new session (n)? [a]")
        assert f"A session is live on this machine: {live_elsewhere.session_id}" in asked
        assert str(live_elsewhere.sessions_dir) in asked
        terminal.type("x\n")  # a stray key is not an answer: asked again
        terminal.expect("'x': type a to attach, or n for a new session")
        terminal.type("a\n")
        screen = terminal.expect("hub: connected")
        assert (
            f"Re-attached to the live session {live_elsewhere.session_id} "
            f"(in {live_elsewhere.sessions_dir}); ignored --title, --port, --bind"
        ) in screen
        terminal.expect(live_elsewhere.code)
        assert live_hubs_anywhere() == [live_elsewhere]  # no second session
    finally:
        terminal.kill()


def test_answering_new_starts_a_second_session_where_asked(
    live_elsewhere: LiveHub, user_dirs: Path
) -> None:
    here = user_dirs / "here"
    terminal = host_in_terminal("--sessions-dir", str(here), "--port", "0", "--bind", "127.0.0.1")
    try:
        terminal.expect("Attach to it (a), or start a new session (n)? [a]")
        terminal.type("n\n")
        terminal.expect("hub: connected")
        [new] = live_hubs(here)
        assert new.session_id != live_elsewhere.session_id or new.pid != live_elsewhere.pid
        assert {h.pid for h in live_hubs_anywhere()} == {new.pid, live_elsewhere.pid}
    finally:
        terminal.kill()
        for hub in live_hubs(here):
            hub.stop()


def test_without_an_answer_it_refuses_in_one_line_and_starts_nothing(
    live_elsewhere: LiveHub,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "panelhost", "host", "--port", "0"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "panelhost host: a session is live; answer the question, or give --new "
        "(a new session) or --resume SESSION_ID (that one)"
    )
    assert live_hubs_anywhere() == [live_elsewhere]
