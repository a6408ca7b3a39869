"""`panelhost join` building its link: remembered names and tokens, bad input as UsageError."""

from __future__ import annotations

import argparse
import asyncio
import socket
from pathlib import Path

import pytest

from panelhost.cli import UsageError, main
from panelhost.commands.join import build_link
from panelhost.hub import Hub

from .linkkit import FAST


def _args(address: str, code: str, name: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(address=address, code=code, name=name, insecure=False, plain=True)


async def test_a_second_join_resumes_the_remembered_identity(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = build_link(_args(hub.url, hub.code, name="Ana"))
    assert first.token is None
    first.backoff = FAST
    task = asyncio.create_task(first.run())
    await first.wait_until(lambda link: link.connected, timeout=10)
    await first.close()
    await task

    again = build_link(_args(hub.url, hub.code.lower()))  # no --name; the code as typed
    assert (again.name, again.token) == ("Ana", first.token)
    someone_else = build_link(_args(hub.url, hub.code, name="Ben"))
    assert (someone_else.name, someone_else.token) == ("Ben", None)


@pytest.mark.parametrize(
    ("address", "code", "name"),
    [("http://x/ws", "K7Q", "Ana"), ("hub:0", "K7Q", "Ana"), ("hub", " ", "Ana"), ("hub", "K", "")],
)
def test_bad_input_is_a_usage_error(address: str, code: str, name: str) -> None:
    with pytest.raises(UsageError):
        build_link(_args(address, code, name=name))


async def _run_in_thread(argv: list[str]) -> int:
    # `main` runs its own event loop; the hub's loop must keep serving meanwhile
    return await asyncio.to_thread(main, argv)


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
async def test_a_wrong_code_is_one_line_before_any_screen(
    hub: Hub,
    plain: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    argv = ["join", f"127.0.0.1:{hub.port}", "WRONG-1", "--name", "Ana"] + ["--plain"] * plain
    assert await _run_in_thread(argv) == 2
    out, err = capfd.readouterr()
    assert out == ""  # the TUI never took the terminal
    assert err == "panelhost join: wrong join code; check it with the host\n"


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_an_unreachable_hub_is_one_line_before_any_screen(
    plain: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = ["join", f"127.0.0.1:{port}", "K7Q-2M9", "--name", "Ana"] + ["--plain"] * plain
    assert main(argv) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert err.startswith("panelhost join: nothing is listening at 127.0.0.1:")
    assert err.count("\n") == 1
