"""The simulated room against a real hub: questions and votes reach a host, and it stops cleanly."""

from __future__ import annotations

import asyncio
import random

from panelhost.demo import QUESTIONS, SimulatedRoom
from panelhost.demo.script import names
from panelhost.hub import Hub
from tests.hub.wire import TIMEOUT, join

QUESTION_TEXTS = {q.text for q in QUESTIONS}


def test_question_bank_fits_the_protocol() -> None:
    assert len(QUESTIONS) >= 40
    assert len(QUESTION_TEXTS) == len(QUESTIONS)
    assert all(0 < len(q.text) <= 300 for q in QUESTIONS)
    assert any(q.to for q in QUESTIONS)


def test_names_are_distinct_and_fit() -> None:
    drawn = names(150, random.Random(3))
    assert len(set(drawn)) == len(drawn)
    assert all(1 <= len(name) <= 40 for name in drawn)


async def test_a_small_fast_room_asks_and_votes_for_a_host(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    room = SimulatedRoom(
        hub.url,
        hub.code,
        students=6,
        speed=400.0,
        rng=random.Random(11),
        duration_s=1200,
        votes_per_student=8,
        leavers=0.34,
    )
    await room.start()
    questions: set[int] = set()
    voted: dict[int, int] = {}

    def enough(message: dict) -> bool:
        if message["type"] == "question":
            questions.add(message["question"]["id"])
            assert message["question"]["text"] in QUESTION_TEXTS
        elif message["type"] == "votes":
            voted.update({int(k): v for k, v in message["counts"].items()})
        return len(questions) >= 4 and sum(voted.values()) >= 8

    await host.until(enough)
    await asyncio.wait_for(room.finished.wait(), TIMEOUT)
    assert room.stats.joined == 6
    assert room.stats.asked >= 4
    assert room.stats.left == room.stats.returned == 2
    await room.stop()
    assert room.present == 0
    assert all(s.link is None and s.task is None for s in room.students)
    # the two who came back resumed their identities: six people, never eight
    participants = [x for x in hub.session.state.identities.values() if x.role == "participant"]
    assert len(participants) == 6
    presence = await host.until(lambda m: m["type"] == "presence" and m["participants"] == 0)
    assert presence["participants"] == 0


async def test_the_room_finishes_when_the_session_ends(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    room = SimulatedRoom(hub.url, hub.code, students=3, speed=200.0, rng=random.Random(2))
    async with room:
        await host.until(lambda m: m["type"] == "presence" and m["participants"] == 3)
        assert (await host.request("end"))["type"] == "ok"
        await asyncio.wait_for(room.finished.wait(), TIMEOUT)
        assert room.ended
    assert room.present == 0
