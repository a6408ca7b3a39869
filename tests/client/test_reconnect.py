"""The link across hub restarts: resume by token, resync, and asks that arrive exactly once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from panelhost import protocol as p
from panelhost.hub import Hub, HubConfig

from ..processes import start_serve
from .linkkit import OpenLink


async def test_restart_resumes_identity_and_sends_a_queued_ask_once(
    tmp_path: Path, open_link: OpenLink
) -> None:
    sessions = tmp_path / "sessions"
    hub = await Hub.start(HubConfig(sessions_dir=sessions, port=0, title="Panel"))
    port, session_id = hub.port, hub.session_id
    ana = await open_link(hub, name="Ana")
    ben = await open_link(hub, name="Ben")
    first = await ben.ask("before the restart")
    assert isinstance(first, p.Ok) and first.id is not None
    assert isinstance(await ana.vote(first.id), p.Ok)
    identity = ana.you.id  # type: ignore[union-attr]

    await hub.stop()  # every client gets 1001
    await ana.wait_until(lambda link: link.status == "reconnecting", timeout=10)
    queued = asyncio.create_task(ana.ask("asked during the outage"))
    await ana.wait_until(lambda link: link.queued_asks == 1, timeout=10)

    hub = await Hub.start(
        HubConfig(sessions_dir=sessions, port=port, title="Panel", resume=session_id)
    )
    try:
        reply = await asyncio.wait_for(queued, 20)
        assert isinstance(reply, p.Ok) and reply.id == 2
        assert ana.status == "connected"
        assert ana.you is not None and ana.you.id == identity
        assert ana.welcomes == 2
        assert ana.mirror.my_votes == {first.id}
        assert ana.mirror.my_questions == {2}
        await ben.wait_until(lambda link: len(link.mirror.queue()) == 2, timeout=20)
        texts = sorted(q.text for q in ben.mirror.queue())
        assert texts == ["asked during the outage", "before the restart"]
    finally:
        await ana.close()
        await ben.close()
        await hub.stop()


async def test_kill_and_resume_a_real_serve_process(tmp_path: Path, open_link: OpenLink) -> None:
    sessions = tmp_path / "sessions"
    serve = await asyncio.to_thread(start_serve, sessions, "--title", "Panel")
    try:
        ana = await open_link(serve.url, name="Ana", code=serve.code)
        identity = ana.you.id  # type: ignore[union-attr]
        assert isinstance(await ana.ask("one"), p.Ok)
        await asyncio.to_thread(serve.kill)  # kill -9: the link sees 1006
        await ana.wait_until(lambda link: link.status == "reconnecting", timeout=10)
        queued = asyncio.create_task(ana.ask("two, asked while the hub was down"))
        await ana.wait_until(lambda link: link.queued_asks == 1, timeout=10)
        serve = await asyncio.to_thread(
            start_serve, sessions, "--resume", serve.session_id, "--port", str(serve.port)
        )
        reply = await asyncio.wait_for(queued, 30)
        assert isinstance(reply, p.Ok) and reply.id == 2
        assert ana.you is not None and ana.you.id == identity
        watcher = await open_link(serve.url, name="Ben", code=serve.code)
        assert [q.text for q in watcher.mirror.queue()] == [
            "one",
            "two, asked while the hub was down",
        ]
        await ana.close()
    finally:
        await asyncio.to_thread(serve.kill)


async def test_an_ask_whose_ok_was_lost_is_resent_and_arrives_once(
    hub: Hub, open_link: OpenLink
) -> None:
    """The hub made the question but the connection died before its ok: the resend's
    nonce makes the hub answer with the first id and create nothing."""
    ana = await open_link(hub, name="Ana")
    lost_oks: list[p.ServerMessage] = []
    original_on_message = ana._on_message

    def lose_the_first_ok(message: p.ServerMessage) -> None:
        if not lost_oks and isinstance(message, p.Ok):
            lost_oks.append(message)
            assert ana._ws is not None and ana._ws.transport is not None
            ana._ws.transport.abort()
            return
        original_on_message(message)

    ana._on_message = lose_the_first_ok  # type: ignore[method-assign]
    reply = await asyncio.wait_for(ana.ask("exactly once"), 20)
    assert isinstance(reply, p.Ok) and reply.id == 1
    assert len(lost_oks) == 1
    assert ana.welcomes == 2
    watcher = await open_link(hub, name="Ben")
    assert [q.text for q in watcher.mirror.queue()] == ["exactly once"]
    assert len(hub.session.state.questions) == 1
