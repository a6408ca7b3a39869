"""The question lists as the host moves through them: counts, markers, home/end, the footer.

Against a real hub on 127.0.0.1, keys pressed one by one.
"""

from __future__ import annotations

import pytest

from panelhost import protocol as p

from ..pilotkit import screen_text, until
from .hostkit import ask, host_pilot, painted, question, screen_of, shows

SIZES = [(80, 24), (120, 34)]


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def row_of(app, question_id: int) -> str:
    """The screen line of a question's row in the queue."""
    marks = ("Q", "▶Q", "✓Q")
    for line in screen_text(app).splitlines():
        if line.lstrip().startswith("Join:"):
            continue  # a join code such as X53-SQ4 is not a row
        if any(f"{mark}{question_id} " in line for mark in marks):
            return line
    raise AssertionError(f"no row for Q{question_id}")


async def six_questions(hub, open_link) -> list[int]:
    """Two students ask six questions between them, in turn; their ids in order."""
    students = [await open_link(hub, name=f"Student {n}") for n in range(2)]
    return [await ask(students[n % 2], f"Question number {n}") for n in range(6)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_home_and_end_go_to_the_first_and_last_question(hub, open_link, size):
    ids = await six_questions(hub, open_link)
    async with host_pilot(hub, size) as (app, pilot):
        queue, _ = screen_of(app).lists()
        await pilot.press("end")
        await until(pilot, lambda: queue.selected_id == ids[-1], what="end")
        await pilot.press("home")
        await until(pilot, lambda: queue.selected_id == ids[0], what="home")
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.query("#help-box"), what="the help screen")
        app.screen.query_one("#help-box").scroll_end(animate=False)  # its last section
        await shows(pilot, app, "first / last question of the list")
        await pilot.press("escape")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_queue_count_is_the_rows_listed_and_on_stage_says_so_once(hub, open_link, size):
    ids = await six_questions(hub, open_link)
    async with host_pilot(hub, size) as (app, pilot):
        await pilot.press("down", "down", "down", "enter", "enter")
        await until(pilot, lambda: question(app, ids[3]).status == "answering")
        await painted(pilot, app)
        queue, _ = screen_of(app).lists()
        assert len(queue.order) == 6
        await shows(pilot, app, "Queue · 6 (1 on stage)")
        row = row_of(app, ids[3])
        assert f"▶Q{ids[3]}" in row and row.count("now") <= 1, row
        if size[0] >= 120:
            assert "on stage" in row


async def test_the_footer_shows_the_keys_of_the_focused_list(make_hub, open_link):
    hub = await make_hub(moderation=True)
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "Can you share your Step 2 score?")
    second = await ask(ana, "What made you choose EM?")
    third = await ask(ana, "How many away rotations should I do?")
    async with host_pilot(hub, (120, 34)) as (app, pilot):
        for question_id in (first, third):
            assert isinstance(await app.link.request(p.Approve(question_id=question_id)), p.Ok)
        await painted(pilot, app)
        await until(pilot, lambda: "m answered" in footer(app), what="the queue's keys")
        text = footer(app)
        for keys in ("on stage", "m answered", "d dismiss", "a approve", "tab next list", "? help"):
            assert keys in text, text
        assert "c clear" not in text  # nothing on stage yet
        await pilot.press("tab")  # pending
        await until(pilot, lambda: "e edit" in footer(app), what="the pending list's keys")
        assert "a approve" in footer(app) and "m answered" not in footer(app)
        await pilot.press("a")
        await until(pilot, lambda: not app.link.mirror.pending())
        for request in (p.MarkAnswered(question_id=first), p.Dismiss(question_id=second)):
            assert isinstance(await app.link.request(request), p.Ok)
        await painted(pilot, app)
        await pilot.press("tab")  # answered
        await until(pilot, lambda: "r reopen" in footer(app), what="the answered list's keys")
        await pilot.press("tab")  # dismissed
        await until(pilot, lambda: "r restore" in footer(app), what="the dismissed list's keys")
        await pilot.press("tab", "enter", "enter")  # the queue; put one on stage
        await until(pilot, lambda: "c clear stage" in footer(app), what="c once on stage")
        assert "space pause" in footer(app)
        assert question(app, third).status == "answering"


async def test_at_80x24_the_footer_keeps_the_keys_that_matter_and_the_palette(hub, open_link):
    ana = await open_link(hub, name="Ana")
    await ask(ana, "How did you choose emergency medicine?")
    async with host_pilot(hub, (80, 24)) as (app, pilot):
        await pilot.press("enter", "enter")
        await until(pilot, lambda: "c clear" in footer(app), what="the queue's keys")
        text = footer(app)
        for keys in ("stage", "m answered", "c clear", "d dismiss", "space pause", "? help"):
            assert keys in text, text
        assert "^p palette" in text and "tab" in text


async def test_answered_questions_carry_a_marker_not_only_a_colour(hub, open_link):
    ana = await open_link(hub, name="Ana")
    done = await ask(ana, "Answered already")
    await ask(ana, "Still open")
    async with host_pilot(hub, (120, 34)) as (app, pilot):
        assert isinstance(await app.link.request(p.MarkAnswered(question_id=done)), p.Ok)
        await painted(pilot, app)
        await pilot.press("tab", "tab")  # pending, answered
        await shows(pilot, app, f"✓Q{done} Answered already")
        await shows(pilot, app, "answered · ▲0 votes")
