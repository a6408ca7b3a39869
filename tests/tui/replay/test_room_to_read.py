"""The replay at 80x24 and 120x34 shows a long question on stage whole, with its panelist,
names in the speaking chart whole or sensibly shortened, withdrawn apart from dismissed, and
footer words that say what the keys do."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from textual.pilot import Pilot

from panelhost.tui.replay.app import ReplayApp, make_replay_app
from panelhost.tui.replay.render import short_names

from ..pilotkit import screen_text, until
from .longsession import LAST_WORD, LONG_QUESTION, long_session

SIZES = [(80, 24), (120, 34)]


@contextlib.asynccontextmanager
async def long_replay(size: tuple[int, int]) -> AsyncIterator[tuple[ReplayApp, Pilot[Any]]]:
    """The replay of the long session running at `size`, its first moment painted."""
    app = make_replay_app(long_session())
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.painted_index >= 0, "the first moment")
        yield app, pilot


def flat(screen: str) -> str:
    """The right-hand boxes' text as one line: border columns and wrapping removed."""
    lines = []
    for line in screen.splitlines():
        boxes = re.findall(r"│([^│]*)│", line)
        if boxes:
            lines.append(boxes[-1].strip())
    return " ".join(lines)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x34"])
async def test_a_300_character_question_on_stage_shows_whole_with_its_panelist(
    size: tuple[int, int],
) -> None:
    async with long_replay(size) as (app, pilot):
        await pilot.press("g", "1", "enter")
        await until(pilot, lambda: app.mirror.now.question_id == 1, "Q1 on stage")
        await pilot.pause()
        right = flat(screen_text(app))
        assert f"Q1 {LONG_QUESTION}" in right.replace("  ", " ")
        assert LAST_WORD in right
        stage = right[right.index(LAST_WORD) :]
        assert "Dr. Sarah Goldberg-Okonkwo · Academic EM attending, ultrasound director" in stage
        assert " left" in stage  # the timer, in words at least


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x34"])
async def test_speaking_time_shows_names_whole_or_without_only_their_title(
    size: tuple[int, int],
) -> None:
    async with long_replay(size) as (app, pilot):
        await pilot.press("end")
        await pilot.pause()
        chart = str(app.query_one("#speaking").render())
        assert "Dr. A " in chart  # a short name stays whole: never just "A"
        assert "Dr. Ana Rivera" in chart or "Ana Rivera" in chart
        assert "Sarah Gold" in chart and "Kwame Osei" in chart  # titles dropped to fit


def test_short_names_drop_a_title_only_when_needed_and_distinct() -> None:
    assert short_names(["Dr. A", "Dr. B"], 8) == ["Dr. A", "Dr. B"]
    assert short_names(["Dr. Sarah Goldberg", "Dr. A"], 12) == ["Sarah Goldberg", "Dr. A"]
    assert short_names(["Dr. Chen Wei-Lun", "Prof. Chen Wei-Lun"], 10) == [
        "Dr. Chen Wei-Lun",
        "Prof. Chen Wei-Lun",
    ]  # without titles they would be the same name
    assert short_names(["Drew Barrymore-Smith"], 8) == ["Drew Barrymore-Smith"]  # not a title


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x34"])
async def test_the_footer_says_what_home_and_end_do_and_fits(size: tuple[int, int]) -> None:
    async with long_replay(size) as (app, pilot):
        await until(pilot, lambda: "? help" in screen_text(app), "the footer")
        footer = screen_text(app).splitlines()[-1]
        assert "home/end start/end" in footer
        assert "? help" in footer and "g go to Q" in footer and "space play/pause" in footer
        assert ("^p palette" in footer) == (size[0] >= 90)  # ? help names it where it won't fit


async def test_withdrawn_questions_are_counted_apart_from_dismissed() -> None:
    async with long_replay((120, 34)) as (app, pilot):
        await pilot.press("end")
        await pilot.pause()
        title = str(app.query_one("#held").border_title)
        assert title.startswith("Pending 1 · dismissed 1 · withdrawn 1 · ")


async def test_growing_the_terminal_brings_back_the_digits_and_the_palette() -> None:
    async with long_replay((80, 24)) as (app, pilot):
        await until(pilot, lambda: "? help" in screen_text(app), "the footer")
        stage = app.query_one("#stage-box")
        assert stage.has_class("-short") and "^p palette" not in screen_text(app)
        await pilot.resize_terminal(120, 34)
        await until(pilot, lambda: not stage.has_class("-short"), "the digits to come back")
        await until(pilot, lambda: "^p palette" in screen_text(app), "the palette in the footer")


def row_text_shown(screen: str, question_id: int) -> str:
    """The question text a queue row shows after its mark and id, up to its ellipsis."""
    for line in screen.splitlines():
        match = re.search(rf"[▶✓?✗]?Q{question_id}(?: on stage)? (.*?)(…|\s{{2}})", line)
        if match:
            return match.group(1)
    raise AssertionError(f"no row for Q{question_id}:\n{screen}")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x34"])
async def test_queue_rows_leave_room_to_read_the_question(size: tuple[int, int]) -> None:
    # rehearsal at 80x24: `▲ 0  Q6 Do you still like…  Brówser B…   3m`, 17 characters
    async with long_replay(size) as (app, pilot):
        await pilot.press("end")
        await until(pilot, lambda: 2 in app.query_one("#queue").order, "Q2 in the queue")
        await pilot.pause()
        shown = row_text_shown(screen_text(app), 2)
        assert "What do program directors look for on a rotation?".startswith(shown)
        assert len(shown) >= 24, shown


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x34"])
async def test_the_header_shows_the_whole_title_and_every_count(size: tuple[int, int]) -> None:
    # rehearsal at 80x24: `EM alumni panel: the long questions · ... · 6 questions · 4`
    async with long_replay(size) as (app, pilot):
        await pilot.press("right")
        await pilot.pause()
        top = " ".join(line.strip() for line in screen_text(app).splitlines()[:3])
        assert "EM alumni panel: the long questions" in top
        assert "6 questions · 4 panelists · 150 joined" in top
        assert " / 0:05:39" in screen_text(app)  # the timeline still shows
