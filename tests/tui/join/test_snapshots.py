"""Screenshots of the participant app at 80x24 and 120x34.

These run synchronously (Textual's snapshot tool runs its own event loop), against a real
`panelhost serve` process: a question on stage with its timer, a 300-character question
with 151 votes selected and read whole in the pane, counts over 100, unicode, markup that
must show literally, my own questions and an answered one. Nothing moves: the timer's
clock is frozen at 1:23 left and the wall clock at seven minutes into the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from panelhost.client.link import Link
from panelhost.core.clock import parse_rfc3339
from panelhost.tui.join import JoinApp, make_join_app
from panelhost.tui.join.clock import Clock
from panelhost.tui.join.queue import QuestionTable
from tests.processes import BlockingPeer, ServeProcess, start_serve

CODE = "K7Q-2M9"
FROZEN_REMAINING_MS = 82_600
"""Reads 1:23 left, 0.4 s off a boundary."""
SESSION_MINUTES = 7
LONG = (
    "What do program directors look for on a rotation, and does an away rotation at a "
    "program you are applying to count for more than one at a program you are not "
    "applying to? And how should a student who cannot afford several away rotations "
    "choose which one to do first, and in what month? zanzibarquokka"
)
PARTICIPANTS = 3
"""Ben, Cleo and the app's Ana: the voters have left before the app joins."""


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServeProcess, str]]:
    """A live panel and Ana's resume token (her questions are marked mine)."""
    serve = start_serve(
        tmp_path_factory.mktemp("join") / "sessions",
        *("--title", "EM alumni panel", "--code", CODE),
        *("--panelist", "Dr. Rivera, EM resident, PGY-2", "--panelist", "Dr. Chen, EM attending"),
    )

    def participant(name: str) -> BlockingPeer:
        return BlockingPeer(serve.url, {"role": "participant", "code": CODE, "name": name})

    host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
    ana, ben, cleo = participant("Ana"), participant("Ben"), participant("Cleo")
    try:
        ben.request("ask", text="How did you choose emergency medicine over internal medicine?")
        cleo.request("ask", text=LONG, anonymous=True, panelist_id=2)
        ana.request(
            "ask", text="[bold]x[/] shows literally, and so does [link=https://e.org]y[/link]"
        )
        cleo.request("ask", text="Ünïcødé: 救急医学 · ¿Qué tal las guardias? 🩺")
        ben.request("ask", text="Is burnout as bad as people say?")
        ana.request("ask", text="What is a typical week like?")
        ana.request("vote", question_id=2)
        for n in range(150):
            voter = participant(f"Student {n}")
            voter.request("vote", question_id=2)
            if n < 101:
                voter.request("vote", question_id=4)
            if n < 12:
                voter.request("vote", question_id=3)
            voter.ws.close()
        host.request("set_now", question_id=5, panelist_id=2)
        host.request("set_now", question_id=1, panelist_id=1)
        host.request("timer", action="start", seconds=120, panelist_id=1)
        token = ana.welcome["token"]
        ana.ws.close()
        yield serve, token
    finally:
        for peer in (host, ben, cleo):
            peer.ws.close()
        serve.terminate()


def frozen_app(room: tuple[ServeProcess, str]) -> JoinApp:
    """The app as Ana, with the timer's clock and the wall clock frozen."""
    serve, token = room
    link = Link(serve.url, role="participant", code=CODE, name="Ana", token=token)
    mirror = link.mirror

    def monotonic() -> float:
        return mirror.timer_at + (mirror.timer.remaining_ms - FROZEN_REMAINING_MS) / 1000

    def wall_ms() -> int:
        started = parse_rfc3339(mirror.session.started_at) if mirror.session else 0
        return started + SESSION_MINUTES * 60_000

    return make_join_app(link, clock=Clock(monotonic=monotonic, wall_ms=wall_ms))


async def shown(pilot: Any) -> None:
    """Type a question without sending it, go to the list and select the long question."""
    app: JoinApp = pilot.app
    for _ in range(500):
        mirror = app.mirror
        ready = mirror.loaded and app.painted_version == mirror.version
        if ready and mirror.participants == PARTICIPANTS and mirror.timer.state == "running":
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError("the app never showed the room")
    await pilot.press(*"Can I do a research year?", "tab", "down")
    assert app.query_one(QuestionTable).selected_id == 2
    await pilot.pause(0.05)


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
def test_snapshot(room: tuple[ServeProcess, str], snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(room), terminal_size=size, run_before=shown)
