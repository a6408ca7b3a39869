"""Screenshots of the replay at 80x24 and 120x34: a 300-character question on stage, vote
counts over 100, long and short panelist names, withdrawn and dismissed questions.

The replay's clock is its playhead, so nothing moves between runs; the header's date is
local time, so the time zone is fixed to UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from panelhost.tui.replay.app import ReplayApp, make_replay_app
from panelhost.tui.widgets.queue import QuestionList
from tests.timezone import local_zone

from .longsession import long_session


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with local_zone(monkeypatch, "UTC"):
        yield


def settled(app: ReplayApp) -> bool:
    """Everything at the playhead is painted, in lists fitted to their width."""
    lists = app.query(QuestionList)
    return app.painted_index == app.cursor.index and not any(q.stale for q in lists)


async def on_stage(pilot: Any) -> None:
    """Go to Q1, the long question, as a person does: g, 1, enter."""
    app: ReplayApp = pilot.app
    await pilot.press("g", "1", "enter")
    for _ in range(500):
        if app.mirror.now.question_id == 1 and settled(app):
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("Q1 never went on stage")


async def at_the_end(pilot: Any) -> None:
    app: ReplayApp = pilot.app
    await pilot.press("end")
    for _ in range(500):
        if app.mirror.ended and app.cursor.index == app.cursor.count and settled(app):
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the replay never reached the end")


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
def test_a_long_question_on_stage(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_replay_app(long_session()), terminal_size=size, run_before=on_stage)


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
def test_the_end_of_the_session(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_replay_app(long_session()), terminal_size=size, run_before=at_the_end)
