"""`panelhost demo`'s wiring: the host screen comes alive with a simulated room."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

from panelhost.commands.demo import room_starter
from panelhost.commands.host import connect_join_command, connect_target

from ..pilotkit import until
from .hostkit import SIZE, connected, host_app, shows


async def test_the_demo_room_asks_and_votes_on_the_host_screen(hub):
    app = host_app(hub, demo=room_starter(hub.url, hub.code, 12, 300.0, 7))
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        mirror = app.link.mirror
        await until(pilot, lambda: len(mirror.queue()) >= 3, timeout=30, what="questions")
        await until(pilot, lambda: mirror.participants >= 3, timeout=30, what="students")
        await until(pilot, lambda: any(q.votes for q in mirror.queue()), timeout=30, what="votes")
        await shows(pilot, app, f"{mirror.participants} online")
    assert app._stop_demo is None  # the room was stopped with the app


def test_connect_reads_the_key_file_and_the_address(tmp_path):
    key = tmp_path / "host.key"
    key.write_text("s3cret\n")
    args = argparse.Namespace(
        connect="127.0.0.1:9000",
        key_file=key,
        title="Panel",
        panelist=[],
        moderation=False,
        resume=None,
    )
    assert connect_target(args) == ("ws://127.0.0.1:9000/ws", "s3cret")
    assert connect_join_command("ws://127.0.0.1:9000/ws", "K7Q-2M9") == (
        "panelhost join 127.0.0.1:9000 K7Q-2M9"
    )


async def test_the_demos_end_screen_says_where_the_transcript_is_and_its_command_works(
    hub, tmp_path
):
    """The demo keeps its session in a temporary directory: `panelhost export ID` cannot
    find it there, so the end screen names the file, and the command it prints runs."""
    from panelhost.tui.host.dialogs import EndedDialog

    app = host_app(hub, leave_stops_hub=True)  # as `panelhost demo` builds it
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("ctrl+q", "e")
        await until(pilot, lambda: isinstance(app.screen, EndedDialog), what="the end screen")
        message = app.screen.message
        await pilot.press("enter")
    transcript = hub.config.sessions_dir / f"{hub.session_id}.json"
    assert f"Transcript saved to {transcript}" in message
    assert "temporary directory" in message  # pytest's tmp_path is one, like the demo's
    notes = next(line for line in message.splitlines() if line.startswith("Notes: "))
    command = shlex.split(notes.removeprefix("Notes: "))
    assert command[:2] == ["panelhost", "export"]
    elsewhere = tmp_path / "elsewhere"  # any directory, with the default sessions dir empty
    elsewhere.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "panelhost", *command[1:]],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert (elsewhere / "notes.md").read_text().startswith(f"# {hub.config.title}")
