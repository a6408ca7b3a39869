"""Reading the participant screen at 80x24 and 120x34: a question whole, every status, the
header uncut (blocker 3 and "also seen" of the real-room issue), against a real hub."""

from __future__ import annotations

import pytest

from panelhost import protocol as p
from panelhost.hub import Hub
from panelhost.tui.join import JoinApp
from panelhost.tui.join.clock import Clock
from panelhost.tui.join.detail import ReadQuestion
from panelhost.tui.join.queue import QuestionTable

from ...client.linkkit import OpenLink
from ..pilotkit import screen_text, until
from .joinkit import join_app, painted

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
UNIQUE = "zanzibarquokka"
UNLIMITED = {"requests_per_second": 1e6, "request_burst": 10**6}
"""The host sets the room up faster than the per-connection limit allows."""


def long_question(length: int = 300) -> str:
    """A question of exactly `length` characters that ends in a word found nowhere else."""
    words = "How do residents balance night shifts, research and family life in training? " * 5
    text = words[: length - len(UNIQUE) - 1]
    if text.endswith(" "):
        text = text[:-1] + "!"  # the hub would trim a space before the unique word
    return f"{text} {UNIQUE}"


def pane_text(app) -> str:
    """The detail pane's lines on screen (under the list's separator), joined as one line."""
    lines = screen_text(app).splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("│──"))
    bottom = next(i for i in range(top, len(lines)) if lines[i].startswith("╰"))
    return " ".join(line.strip("│ ") for line in lines[top + 1 : bottom])


async def select(pilot, app, question_id: int) -> None:
    """Go to the list with tab and press down until the question is selected."""
    await pilot.press("tab")
    table = app.query_one(QuestionTable)
    for _ in range(table.row_count):
        if table.selected_id == question_id:
            return
        await pilot.press("down")
    assert table.selected_id == question_id


@SIZES
async def test_a_300_character_question_reads_whole_once_selected(
    hub: Hub, open_link: OpenLink, size: tuple[int, int]
) -> None:
    question = long_question()
    assert len(question) == 300 and question.endswith(" " + UNIQUE)
    host = await open_link(hub, role="host", name="Maya")
    cleo = await open_link(hub, name="Cleo")
    for n in range(6):
        assert isinstance(await host.ask(f"Short question number {n}"), p.Ok)
    assert isinstance(await cleo.ask(question, anonymous=True, panelist_id=2), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=size) as pilot:
        await painted(pilot, app)
        assert UNIQUE not in screen_text(app)  # the row alone cuts it
        await select(pilot, app, 7)
        await until(pilot, lambda: UNIQUE in pane_text(app), "the pane to show the question")
        shown = pane_text(app)
        assert question in shown
        assert "Q7 · 0 votes · anonymous · to Dr. Chen · open · asked just now" in shown

        await pilot.press("enter")  # and on its own screen
        assert isinstance(app.screen, ReadQuestion)
        await pilot.pause()
        assert UNIQUE in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReadQuestion)


@SIZES
async def test_every_status_stays_visible_with_no_horizontal_scrollbar(
    make_hub, open_link: OpenLink, size: tuple[int, int]
) -> None:
    hub = await make_hub(moderation=True, limits=UNLIMITED)
    host = await open_link(hub, role="host", name="Maya")
    filler = " and what would you tell a student who is still deciding between specialties?"
    for n in range(1, 31):  # more rows than the list shows: a vertical scrollbar
        assert isinstance(await host.ask(f"Host question {n}{filler}"), p.Ok)
        assert isinstance(await host.request(p.Approve(question_id=n)), p.Ok)
    app = join_app(hub.url, hub.code, name="Ana-" + "x" * 30)
    async with app.run_test(size=size) as pilot:
        await painted(pilot, app)
        for text in ("mine pending", "mine withdrawn", "mine dismissed"):
            await pilot.press(*f"{text}{filler}", "enter")
            await until(pilot, lambda t=text: any(t in q.text for q in app.mirror.mine()))
        assert isinstance(await host.request(p.Approve(question_id=32)), p.Ok)
        await until(pilot, lambda: app.mirror.question(32).status == "open")
        assert isinstance(await host.request(p.Dismiss(question_id=33)), p.Ok)
        assert isinstance(await host.request(p.MarkAnswered(question_id=2)), p.Ok)
        assert isinstance(await host.request(p.SetNow(question_id=1, panelist_id=1)), p.Ok)
        await select(pilot, app, 32)
        await pilot.press("w")
        await until(pilot, lambda: 32 in app.withdrawn, "the withdrawal")
        await until(pilot, lambda: app.mirror.question(33).status == "dismissed")
        await painted(pilot, app)
        await pilot.press("tab")
        table = app.query_one(QuestionTable)
        expected = {1: "on stage", 2: "answered", 31: "awaiting approval", 32: "withdrawn"}
        expected |= {33: "dismissed", 3: "Maya"}
        for question_id, words in expected.items():
            table.move_cursor(row=table.get_row_index(str(question_id)), animate=False)
            await pilot.pause()
            row = next(
                line for line in screen_text(app).splitlines() if f"│ Q{question_id} " in line
            )
            assert f" {words} " in row and row.rstrip().endswith("│"), row
            assert "Host question" in row or "mine" in row
        assert not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.show_vertical_scrollbar


@SIZES
async def test_the_header_keeps_the_stage_and_the_time_whole(
    hub: Hub, open_link: OpenLink, size: tuple[int, int]
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    for n in range(7):
        assert isinstance(await host.ask(f"question {n + 1}"), p.Ok)
    assert isinstance(await host.request(p.SetNow(question_id=7, panelist_id=1)), p.Ok)
    start = p.TimerRequest(action="start", seconds=120, panelist_id=1)
    assert isinstance(await host.request(start), p.Ok)
    shown: list[JoinApp] = []

    def monotonic() -> float:  # frozen at 1:23.5 left, which reads 1:24
        mirror = shown[0].mirror
        return mirror.timer_at + (mirror.timer.remaining_ms - 83_500) / 1000

    app = join_app(hub.url, hub.code, clock=Clock(monotonic=monotonic))
    shown.append(app)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.mirror.timer.state == "running")
        await painted(pilot, app)
        header = screen_text(app).splitlines()[0]
        assert header.strip() == "EM alumni panel · on stage: Q7 · Dr. Rivera 1:24 left"
        long_title = "Emergency medicine alumni panel for third- and fourth-year students " * 2
        name = "Dr. Alexandra Konstantinopoulou-Wetherington, EM"
        assert isinstance(await host.request(p.SettingsRequest(title=long_title[:100])), p.Ok)
        assert isinstance(await host.request(p.PanelistAdd(name=name)), p.Ok)
        await host.request(p.TimerRequest(action="start", seconds=120, panelist_id=3))
        await until(pilot, lambda: app.mirror.timer.panelist_id == 3)
        await painted(pilot, app)
        header = screen_text(app).splitlines()[0]
        assert "· on stage: Q7 · Dr. Alexandra" in header
        assert header.rstrip().endswith(" 1:24 left")
        assert header.startswith(" Emergen")
