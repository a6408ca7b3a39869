"""The participant app across a hub killed and restarted with --resume."""

from __future__ import annotations

import asyncio
from pathlib import Path

from panelhost import protocol as p

from ...client.linkkit import OpenLink
from ...processes import start_serve
from ..pilotkit import screen_text, until
from .joinkit import SIZE, join_app, painted


async def test_kill_restart_resumes_and_a_queued_ask_arrives_once(
    tmp_path: Path, open_link: OpenLink
) -> None:
    sessions = tmp_path / "sessions"
    serve = await asyncio.to_thread(start_serve, sessions, "--title", "EM alumni panel")
    try:
        app = join_app(serve.url, serve.code)
        async with app.run_test(size=SIZE) as pilot:
            await painted(pilot, app)
            identity = app.mirror.you.id  # type: ignore[union-attr]
            await pilot.press(*"before", "enter")
            await until(pilot, lambda: app.mirror.my_questions == {1})
            await pilot.press("tab", "space")
            await until(pilot, lambda: app.mirror.my_votes == {1})

            await asyncio.to_thread(serve.kill)
            await until(pilot, lambda: app.link.status == "reconnecting")
            await until(pilot, lambda: "reconnecting…" in app.status_text)
            await pilot.press("tab", *"during the outage", "enter")
            await until(pilot, lambda: app.link.queued_asks == 1)
            await until(pilot, lambda: "1 question waiting to be sent" in app.status_text)
            # at 80 columns the whole line is on screen: it says the question is queued
            await until(pilot, lambda: "sent when the hub is back" in app.status_text)
            assert (
                "reconnecting… · 1 question waiting to be sent · sent when the hub is back"
                in screen_text(app)
            )

            serve = await asyncio.to_thread(
                start_serve, sessions, "--resume", serve.session_id, "--port", str(serve.port)
            )
            await until(pilot, lambda: app.mirror.my_questions == {1, 2}, timeout=30)
            await painted(pilot, app)
            assert app.link.connected
            assert app.mirror.you is not None and app.mirror.you.id == identity
            assert app.mirror.my_votes == {1}
            assert "reconnected; the questions are up to date" in app.status_text or (
                "sent: Q2" in app.status_text
            )
        watcher = await open_link(serve.url, name="Ben", code=serve.code)
        assert [q.text for q in watcher.mirror.queue()] == ["before", "during the outage"]
        assert isinstance(await watcher.vote(2), p.Ok)
    finally:
        await asyncio.to_thread(serve.kill)
