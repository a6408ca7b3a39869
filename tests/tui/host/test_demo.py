"""`panelhost demo`'s wiring: the host screen comes alive with a simulated room."""

from __future__ import annotations

import argparse

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
