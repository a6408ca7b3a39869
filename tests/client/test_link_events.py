"""What a link tells its listeners, against a real hub: one typed, frozen event each."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.link_events import (
    AsksWaiting,
    LinkEvent,
    MirrorChanged,
    Notice,
    StatusChanged,
    Welcomed,
)
from panelhost.hub import Hub, HubConfig

from .linkkit import FAST, OpenLink


def record(link: Link) -> list[LinkEvent]:
    heard: list[LinkEvent] = []
    link.add_listener(lambda _link, event: heard.append(event))
    return heard


async def test_join_change_answer_and_notice_arrive_typed_in_order(
    hub: Hub, open_link: OpenLink
) -> None:
    ana = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    heard = record(ana)
    ben = await open_link(hub, name="Ben")
    task = asyncio.create_task(ana.run())
    try:
        await ana.wait_until(lambda link: link.connected, timeout=10)
        # the welcome loads the mirror before the status says connected
        assert heard[:2] == [Welcomed(1), StatusChanged("connected", None)]
        assert not heard[0].resync  # type: ignore[union-attr]

        asked = await ben.ask("How did you choose EM?")
        assert isinstance(asked, p.Ok) and asked.id is not None
        await ana.wait_until(lambda link: link.mirror.question(asked.id) is not None, 10)
        changes = [e.change for e in heard if isinstance(e, MirrorChanged)]
        assert any(isinstance(c, p.QuestionChanged) and c.question.id == asked.id for c in changes)

        heard.clear()
        assert isinstance(await ana.vote(asked.id), p.Ok)
        # the answer to our own vote: the mirror's my_votes moved, no frame to show
        assert MirrorChanged(None) in heard
        assert ana.mirror.my_votes == {asked.id}

        heard.clear()
        assert ana._ws is not None
        await ana._ws.send("{not json")  # the hub's error answers no request of ours
        await ana.wait_until(lambda link: link.notice is not None, 10)
        notices = [e for e in heard if isinstance(e, Notice)]
        assert notices == [Notice(ana.notice)] and ana.notice is not None
        assert ana.notice.code == "bad_request"
    finally:
        await ana.close()
        await task
    assert heard[-1] == StatusChanged("closed", "you left the session")


async def test_an_outage_is_told_as_status_asks_waiting_and_a_second_welcome(
    tmp_path: Path, open_link: OpenLink
) -> None:
    sessions = tmp_path / "sessions"
    hub = await Hub.start(HubConfig(sessions_dir=sessions, port=0, title="Panel"))
    port, session_id = hub.port, hub.session_id
    ana = await open_link(hub, name="Ana")
    heard = record(ana)
    await hub.stop()  # every client gets 1001
    await ana.wait_until(lambda link: link.status == "reconnecting", timeout=10)
    asking = asyncio.create_task(ana.ask("asked during the outage"))
    await ana.wait_until(lambda link: link.queued_asks == 1, timeout=10)
    statuses = [e for e in heard if isinstance(e, StatusChanged)]
    assert [e.status for e in statuses] == ["reconnecting"] and statuses[0].reason
    assert AsksWaiting(1) in heard
    heard.clear()
    hub = await Hub.start(
        HubConfig(sessions_dir=sessions, port=port, title="Panel", resume=session_id)
    )
    try:
        assert isinstance(await asyncio.wait_for(asking, 20), p.Ok)
        welcomes = [e for e in heard if isinstance(e, Welcomed)]
        assert welcomes == [Welcomed(2)] and welcomes[0].resync
        assert heard.index(welcomes[0]) < heard.index(StatusChanged("connected", None))
    finally:
        await ana.close()
        await hub.stop()


def test_events_are_frozen() -> None:
    event = StatusChanged("connected", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.status = "closed"  # type: ignore[misc]
    assert Welcomed(2).resync and not Welcomed(1).resync
