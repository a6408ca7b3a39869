"""A vote storm on the hub while a student types: the page keeps every keystroke and ends
with the exact counts (it repaints once per animation frame, however many frames arrive)."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from websockets.asyncio.client import connect

from tests.web.conftest import Room
from tests.web.page import join, questions_of, row

VOTERS = 100
PER_VOTER_PER_SECOND = 18
"""Under the hub's 20 requests/s per connection: 100 voters make about 1,800 votes/s."""
SECONDS = 3


def storm(url: str, code: str, question_ids: list[int]) -> None:
    """VOTERS participants each toggle their votes (vote, unvote, ...) for SECONDS."""

    async def main() -> None:
        sockets = []
        for number in range(VOTERS):
            ws = await connect(url, open_timeout=30)
            hello = {"type": "hello", "protocol": 1, "role": "participant", "code": code}
            await ws.send(json.dumps({**hello, "name": f"voter {number}"}))
            await ws.recv()
            sockets.append(ws)

        async def drain(ws: Any) -> None:
            async for _ in ws:
                pass

        drains = [asyncio.create_task(drain(ws)) for ws in sockets]

        async def voter(ws: Any, number: int) -> None:
            voted: set[int] = set()
            loop = asyncio.get_running_loop()
            end = loop.time() + SECONDS
            turn = number
            while loop.time() < end:
                question = question_ids[turn % len(question_ids)]
                turn += 1
                kind = "unvote" if question in voted else "vote"
                voted ^= {question}
                await ws.send(json.dumps({"type": kind, "question_id": question}))
                await asyncio.sleep(1 / PER_VOTER_PER_SECOND)

        await asyncio.gather(*(voter(ws, n) for n, ws in enumerate(sockets)))
        for ws in sockets:
            await ws.close()
        for task in drains:
            task.cancel()

    asyncio.run(main())


def test_a_storm_ends_with_exact_counts_and_every_keystroke(browser: Any, tmp_path: Path) -> None:
    room = Room(tmp_path / "sessions", "--joins-per-minute", "1000")
    try:
        host = room.host()
        ids = [host.request("ask", text=f"Question {n}")["id"] for n in range(1, 6)]
        page = browser.new_page(viewport={"width": 360, "height": 740})
        join(page, room.link, "Ana")
        expect(page.locator("#queue-list > li")).to_have_count(len(ids))

        voters = threading.Thread(target=storm, args=(room.serve.url, room.serve.code, ids))
        voters.start()
        typed = "What is a typical week like, and how do you keep learning?"
        page.locator("#ask-text").focus()
        page.keyboard.type(typed, delay=20)  # a person's pace, during the storm
        voters.join(60)
        assert not voters.is_alive()

        assert page.locator("#ask-text").input_value() == typed
        final = {q["id"]: q["votes"] for q in questions_of(room.serve.url, room.serve.key)}
        assert sum(final.values()) > 0
        for question_id, votes in final.items():
            words = f"{votes} vote" + ("" if votes == 1 else "s")
            expect(row(page, question_id).locator(".q-votes")).to_have_text(words)
    finally:
        room.stop()
