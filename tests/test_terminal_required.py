"""Full-screen commands in a pipe: one line saying what to do instead, exit 2."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hub.wire import join

EXAMPLE = Path(__file__).parent.parent / "sessions" / "2026-11-25-em-alumni-panel.json"


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelhost", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("role", "hint"),
    [("join", "--plain"), ("screen", "projector"), ("host", "terminal")],
)
async def test_live_apps_need_a_terminal(hub, tmp_path, role, hint):
    await join(hub)  # a hub that would accept them
    if role == "host":
        key = tmp_path / "key"
        key.write_text(hub.key)
        argv = ["host", "--connect", hub.url, "--key-file", str(key)]
    else:
        argv = [role, hub.url, hub.code] + (["--name", "Ana"] if role == "join" else [])
    result = await asyncio.to_thread(_run, *argv)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # no escape codes written into the pipe
    [line] = result.stderr.strip().splitlines()
    assert "needs a terminal" in line and hint in line


def test_replay_needs_a_terminal_and_points_to_export():
    result = _run("replay", str(EXAMPLE))
    assert result.returncode == 2 and result.stdout == ""
    assert "panelhost export" in result.stderr


def test_the_demo_needs_a_terminal_and_starts_no_hub(tmp_path):
    result = _run("demo", "--sessions-dir", str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    assert "needs a terminal" in result.stderr
    assert list(tmp_path.iterdir()) == []  # it said so before starting a hub


def test_version_and_the_same_words_in_every_help() -> None:
    version = _run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("panelhost 0.") and version.stdout.count("\n") == 1
    join_help, screen_help = _run("join", "--help").stdout, _run("screen", "--help").stdout
    assert "ADDRESS CODE" in join_help
    assert "ADDRESS CODE" in screen_help
