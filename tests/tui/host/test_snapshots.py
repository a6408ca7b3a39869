"""Screenshots of the host screen: empty, a busy queue, overtime, moderation at 120x34;
a room with a 300-character question, counts over 100, unicode and markup at 80x24 and
120x34.

These run synchronously (Textual's snapshot tool runs its own event loop) against real
`panelhost serve` processes. Nothing random or moving is visible: the join code and the
join line are fixed, the wall clock is frozen at 42:17 into the session, and the timer's
clock is frozen at a set remaining time (half a second off a boundary, so that a few
milliseconds of network time cannot change a digit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from panelhost.tui.host import HostApp
from tests.processes import BlockingPeer, ServeProcess, start_serve

from ..pilotkit import until
from .frozen import REMAINING_MS, frozen_host_app, settled

CODE = "K7Q-2M9"
JOIN = f"panelhost join 192.168.1.20:8765 {CODE}"
SIZE = (120, 34)
PANEL = (
    "--panelist",
    "Dr. Rivera, EM resident, PGY-2",
    "--panelist",
    "Dr. Chen, EM attending",
    "--panelist",
    "Dr. Osei, Pediatric EM fellow",
)


def student(serve: ServeProcess, name: str) -> BlockingPeer:
    return BlockingPeer(serve.url, {"role": "participant", "code": CODE, "name": name})


Setup = Callable[[ServeProcess, BlockingPeer, list[BlockingPeer]], None]


def room(
    factory: pytest.TempPathFactory,
    name: str,
    *options: str,
    title: str = "EM alumni panel",
    students: tuple[str, ...] = (),
    setup: Setup | None = None,
) -> Iterator[ServeProcess]:
    """A `panelhost serve` for one module's snapshots: a host and `students` connect, `setup`
    fills the room through them, and the host leaves (the app shown is the only host screen).
    Use as `yield from room(...)` in a fixture; everything is closed after the module."""
    serve = start_serve(
        factory.mktemp(name) / "sessions", "--title", title, "--code", CODE, *options, *PANEL
    )
    host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
    peers = [student(serve, name) for name in students]
    try:
        if setup is not None:
            setup(serve, host, peers)
        host.ws.close()
        yield serve
    finally:
        for peer in [host, *peers]:
            peer.ws.close()
        serve.terminate()


@pytest.fixture(scope="module")
def empty_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    yield from room(tmp_path_factory, "empty")


def busy(serve: ServeProcess, host: BlockingPeer, peers: list[BlockingPeer]) -> None:
    """Eight open questions with votes, one answered, one on stage, a note, 3 online."""
    ana, ben, cleo = peers
    ana.request("ask", text="How did you choose emergency medicine over internal medicine?")
    ben.request("ask", text="What do program directors look for on a rotation?", anonymous=True)
    cleo.request("ask", text="Is burnout as bad as people say?", panelist_id=2)
    ana.request("ask", text="How many away rotations should I do?")
    ben.request("ask", text="[bold]Markup[/bold] in a question shows literally")
    cleo.request("ask", text="How do you handle night shifts and sleep?", anonymous=True)
    ana.request("ask", text="Is EM compatible with having young kids?")
    ben.request("ask", text="Which fellowships open the most doors?")
    cleo.request("ask", text="What did you wish you had known as a third-year student?")
    for voter, question_id in (
        (ana, 2), (ben, 2), (cleo, 2), (ana, 3), (cleo, 3), (ben, 4), (cleo, 7), (ana, 9)
    ):  # fmt: skip
        voter.request("vote", question_id=question_id)
    host.request("set_now", question_id=9, panelist_id=2)
    host.request("timer", action="start", panelist_id=2)
    host.request("timer", action="reset")
    host.request("set_now", question_id=1, panelist_id=1)
    host.request("timer", action="start", panelist_id=1)
    host.request("note", text="Rivera: shifts suit her; loves the variety", question_id=1)


@pytest.fixture(scope="module")
def busy_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    yield from room(tmp_path_factory, "busy", students=("Ana", "Ben", "Cleo"), setup=busy)


def moderated(serve: ServeProcess, host: BlockingPeer, peers: list[BlockingPeer]) -> None:
    """Moderation on: three questions waiting for approval, two approved."""
    ana, ben = peers
    ana.request("ask", text="How did you choose emergency medicine?")
    ben.request("ask", text="Can you share your Step 2 score?")
    ana.request("ask", text="What do program directors look for?", anonymous=True)
    ben.request("ask", text="Is it a red flag to apply without a home program?")
    ana.request("ask", text="How do you cope with a bad outcome?")
    host.request("approve", question_id=1)
    host.request("approve", question_id=3)
    ben.request("vote", question_id=3)


@pytest.fixture(scope="module")
def moderated_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    yield from room(
        tmp_path_factory, "moderated", "--moderation", students=("Ana", "Ben"), setup=moderated
    )


LONG = (
    "My question is about the first year of residency, and the way the night shifts "
    "and long weeks in the emergency room fit with a life outside the hospital: "
    "how do you keep friends, exercise and sleep going while the schedule changes each "
    "month, and what would you tell a student today?? xylophonequasar"
)


def crowded(serve: ServeProcess, host: BlockingPeer, peers: list[BlockingPeer]) -> None:
    """136 voters: a 300-character question with 136 votes, one on stage with 101, markup."""
    zoe, ana, kenji = peers
    zoe.request("ask", text=LONG, panelist_id=2)
    ana.request("ask", text="[bold]x[/] and [link=https://example.org]y[/link] show literally")
    kenji.request("ask", text="急诊科的夜班怎么安排? ¿Y las guardias de urgencias?")
    zoe.request("ask", text="How did you choose emergency medicine over internal medicine?")
    ana.request("ask", text="What do program directors look for on a rotation?", anonymous=True)
    for n in range(136):
        voter = student(serve, f"Student {n}")
        for question_id, voters in ((1, 136), (4, 101), (2, 49), (3, 7)):
            if n < voters:
                voter.request("vote", question_id=question_id)
        voter.ws.close()
    host.request("set_now", question_id=4, panelist_id=1)
    host.request("timer", action="start", panelist_id=1)
    host.request("note", text="Rivera: [b]shifts[/b] suit her; loves the variety", question_id=4)


@pytest.fixture(scope="module")
def crowded_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    yield from room(
        tmp_path_factory,
        "crowded",
        title="EM alumni panel · Notaufnahme ✚",
        students=("Zoë Ångström", "[i]Ana[/i]", "健二"),
        setup=crowded,
    )


def frozen_app(serve: ServeProcess, remaining_ms: int = REMAINING_MS) -> HostApp:
    return frozen_host_app(serve.url, serve.key, JOIN, remaining_ms)


def test_empty(empty_room: ServeProcess, snap_compare: Any) -> None:
    assert snap_compare(frozen_app(empty_room), terminal_size=SIZE, run_before=settled)


def test_busy_queue(busy_room: ServeProcess, snap_compare: Any) -> None:
    assert snap_compare(frozen_app(busy_room), terminal_size=SIZE, run_before=settled)


def test_overtime(busy_room: ServeProcess, snap_compare: Any) -> None:
    app = frozen_app(busy_room, remaining_ms=-42_500)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_moderation_pending(moderated_room: ServeProcess, snap_compare: Any) -> None:
    assert snap_compare(frozen_app(moderated_room), terminal_size=SIZE, run_before=settled)


async def long_question_selected(pilot: Any) -> None:
    """The room shown, then the cursor on the 300-character question (second row)."""
    await settled(pilot)
    await pilot.press("down")
    app: HostApp = pilot.app
    detail = app.screen.query_one("#detail")
    await until(pilot, lambda: "xylophonequasar" in str(detail.render()), "the question whole")
    await settled(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_long_question_counts_unicode_and_markup(
    crowded_room: ServeProcess, snap_compare: Any, size: tuple[int, int]
) -> None:
    app = frozen_app(crowded_room)
    assert snap_compare(app, terminal_size=size, run_before=long_question_selected)
