"""Screenshots of the projector at 80x24 and 200x60, and `panelhost screen`'s one-line errors.

These run synchronously (Textual's snapshot tool runs its own event loop), against a real
`panelhost serve` process. Nothing random is visible: the join code is fixed, the join line
shows a fixed address, and the timer's clock is frozen at 1:23 left.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from panelhost.cli import main
from panelhost.tui.screen import make_screen_app
from panelhost.tui.screen.app import ScreenApp
from panelhost.tui.widgets.timer import SpeakerTimer
from tests.processes import BlockingPeer, ServeProcess, start_serve

CODE = "K7Q-2M9"
FROZEN_REMAINING_MS = 83_000


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """A live panel: a question on stage, four waiting with votes, three participants online."""
    serve = start_serve(
        tmp_path_factory.mktemp("screen") / "sessions",
        *("--title", "EM alumni panel", "--code", CODE),
        *("--panelist", "Dr. Rivera, EM resident, PGY-2", "--panelist", "Dr. Chen, EM attending"),
    )
    peers: list[BlockingPeer] = []
    try:
        host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
        ana, ben, cleo = (
            BlockingPeer(serve.url, {"role": "participant", "code": CODE, "name": name})
            for name in ("Ana", "Ben", "Cleo")
        )
        peers += [host, ana, ben, cleo]
        ana.request("ask", text="How did you choose emergency medicine over internal medicine?")
        ben.request("ask", text="What do program directors look for on a rotation?", anonymous=True)
        cleo.request("ask", text="Is burnout as bad as people say, and what helped you?")
        ana.request("ask", text="[bold]Markup[/bold] in a question shows literally")
        ben.request("ask", text="How do you handle night shifts and sleep?")
        for voter, question_id in ((ana, 2), (ben, 2), (cleo, 2), (ana, 3), (cleo, 3), (ben, 4)):
            voter.request("vote", question_id=question_id)
        host.request("set_now", question_id=1, panelist_id=1)
        host.request("timer", action="start", seconds=120, panelist_id=1)
        yield serve
    finally:
        for peer in peers:
            peer.ws.close()
        serve.terminate()


def frozen_app(serve: ServeProcess) -> ScreenApp:
    """The app with its timer clock frozen so that it reads exactly 1:23 left."""
    app: ScreenApp

    def clock() -> float:
        mirror = app.mirror
        return mirror.timer_at + (mirror.timer.remaining_ms - FROZEN_REMAINING_MS) / 1000

    app = make_screen_app(serve.url, CODE, join_address="192.168.1.20:8765", clock=clock)
    return app


async def shown(pilot: Any) -> None:
    app: ScreenApp = pilot.app
    for _ in range(500):
        ready = app.mirror.loaded and app.painted_version == app.mirror.version
        if ready and app.query_one(SpeakerTimer).reading.phase == "running":
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never showed the room")


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_snapshot(room: ServeProcess, snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(frozen_app(room), terminal_size=size, run_before=shown)


def test_wrong_code_is_one_line_and_exit_2(
    room: ServeProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["screen", f"127.0.0.1:{room.port}", "WRONG-1"]) == 2
    err = capsys.readouterr().err
    assert err == "panelhost screen: wrong join code; check it with the host\n"


def test_unreachable_hub_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["screen", f"127.0.0.1:{port}", CODE]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing is listening" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["screen", "http://example.invalid", CODE], "use a ws:// or wss:// URL"),
        (["screen", "127.0.0.1:8765", CODE, "--theme", "nope"], "choose one of"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
