"""A real hub on 127.0.0.1: its transcript replays to the state the hub had at every seq."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.core.model import State
from panelhost.hub import Hub, HubConfig
from panelhost.transcript import index_at_seq, load_transcript, replay_state

from .transcript_driver import host_view

PANEL = (("Dr. Ana Rivera", "EM resident"), ("Dr. Kwame Osei", "Pediatric EM fellow"))


async def _joined(link: Link) -> asyncio.Task[None]:
    task = asyncio.create_task(link.run())
    await link.wait_until(lambda x: x.connected or x.stopped, 30)
    assert link.connected, link.reason
    return task


async def test_replay_at_every_seq_equals_what_the_hub_held(tmp_path: Path) -> None:
    hub = await Hub.start(
        HubConfig(sessions_dir=tmp_path, port=0, title="EM alumni panel", panelists=PANEL)
    )
    seen: dict[int, State] = {}

    def record() -> None:
        state = hub.session.state
        seen[state.seq] = copy.deepcopy(state)

    host = Link(hub.url, role="host", key=hub.key, name="Maya")
    ana = Link(hub.url, role="participant", code=hub.code, name="Ana")
    tasks = []
    try:
        tasks.append(await _joined(host))
        record()
        tasks.append(await _joined(ana))
        record()

        async def ok(link: Link, request: p.Request) -> int | None:
            reply = await link.request(request)
            assert not isinstance(reply, p.Error), reply
            record()
            return reply.id

        first = await ok(ana, p.Ask(text="How did you choose EM?"))
        second = await ok(ana, p.Ask(text="[bold]Is burnout real?[/bold]", anonymous=True))
        await ok(host, p.Vote(question_id=second))
        await ok(ana, p.Vote(question_id=first))
        await ok(host, p.SetNow(question_id=second, panelist_id=2))
        await ok(host, p.TimerRequest(action="start", seconds=90, panelist_id=2))
        await ok(host, p.TimerRequest(action="pause"))
        await ok(host, p.NoteRequest(text="boarding drives it", question_id=second))
        await ok(ana, p.Unvote(question_id=first))
        await ok(host, p.SetNow(question_id=first, panelist_id=1, seconds=90))
        await ok(host, p.MarkAnswered(question_id=first))  # the answer ends with the stage
        answered_at = hub.session.state.seq
        await ok(host, p.SetNow(question_id=second, panelist_id=1))
        await ok(host, p.SetNow())
        await ok(host, p.SettingsRequest(moderation=True))
        await ok(ana, p.Ask(text="Held for approval"))
        await ok(host, p.End())
    finally:
        for link in (ana, host):
            await link.close()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.stop()

    transcript = load_transcript(hub.transcript_path)
    assert len(seen) >= 15
    times = {event.seq: event.at for event in transcript.events}
    for seq, live in seen.items():
        count = index_at_seq(transcript, seq)
        at = transcript.events[count - 1].at
        assert seq not in times or times[seq] == at
        assert host_view(replay_state(transcript, count), at) == host_view(live, at), seq
    # replay lands on the timer as it was: idle and nobody's once the answer left the stage
    replayed = replay_state(transcript, index_at_seq(transcript, answered_at))
    assert (replayed.timer.state, replayed.timer.panelist_id) == ("idle", None)
    assert (replayed.now_question_id, replayed.now_panelist_id) == (None, None)
