"""Pilot tests of the replay controls on the example transcript (sessions/)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.transcript import build_transcript, load_transcript
from panelhost.tui.replay.app import ReplayApp, make_replay_app
from panelhost.tui.replay.dialogs import GoToQuestion
from panelhost.tui.replay.views import SpeakingChart, TimelineBar
from panelhost.tui.widgets.keyhelp import KeyHelp
from panelhost.tui.widgets.queue import QuestionList
from panelhost.tui.widgets.timer import SpeakerTimer

from ..pilotkit import screen_text, until

EXAMPLE = Path(__file__).resolve().parents[3] / "sessions" / "2026-11-25-em-alumni-panel.json"
SIZE = (120, 34)


def example_app() -> ReplayApp:
    return make_replay_app(load_transcript(EXAMPLE), str(EXAMPLE))


async def test_it_opens_at_the_start_and_end_shows_the_final_state() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        assert app.position == app.facts.start
        assert app.query_one("#queue", QuestionList).order == []
        await pilot.press("end")
        assert app.cursor.index == app.cursor.count
        assert app.mirror.ended
        final = app.cursor.final
        shown = app.query_one("#queue", QuestionList).order
        assert shown == [q.id for q in app.mirror.queue()]
        assert len(shown) == sum(q.public for q in final.questions.values())
        assert len(app.mirror.notes) == len(app.transcript.notes)
        await pilot.press("home")
        assert app.cursor.index == app.cursor.index_at(app.facts.start)


async def test_steps_move_one_event_at_a_time() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        start = app.cursor.index
        for _ in range(5):
            await pilot.press("right")
        after = app.cursor.index
        assert after > start
        assert app.position == app.cursor.times[after - 1]
        await pilot.press("left")
        assert app.cursor.index < after
        await pilot.press("l", "h")  # the vi keys do the same


async def test_play_pause_and_speeds() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.speed == 16
        await pilot.press("right_square_bracket")
        assert app.speed == 16
        await pilot.press("left_square_bracket")
        assert app.speed == 4
        await pilot.press("right_square_bracket", "space")
        assert app.playing
        start = app.position
        await until(pilot, lambda: app.position > start + 2000)
        await pilot.press("space")
        assert not app.playing
        paused_at = app.position
        await pilot.pause(0.2)
        assert app.position == paused_at
        assert "16x paused" in str(app.query_one("#replay-clock").render())


async def test_playing_to_the_end_stops_there() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        await pilot.press("end", "left", "left", "left", "right_square_bracket")
        await pilot.press("right_square_bracket", "right_square_bracket", "space")
        await until(pilot, lambda: not app.playing)
        assert app.position == app.facts.end


async def test_go_to_question_lands_when_it_went_on_stage() -> None:
    app = example_app()
    answered = next(q for q in app.transcript.questions if q.status == "answered")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        await pilot.press("g")
        assert isinstance(app.screen, GoToQuestion)
        await pilot.press("x", "enter")
        assert isinstance(app.screen, GoToQuestion)  # not a number: it says so and stays
        await pilot.press("backspace", *f"Q{answered.id}", "enter")
        assert not isinstance(app.screen, GoToQuestion)
        assert app.position == app.facts.first_on_stage[answered.id]
        assert app.mirror.now.question_id == answered.id
        assert app.query_one("#queue", QuestionList).selected_id == answered.id
        stage = app.query_one("#stage").render()
        assert answered.text in str(stage)
        assert app.query_one(SpeakerTimer).timer.state in ("running", "idle")
        await pilot.press("g", "9", "9", "9", "enter")
        assert app.position == app.facts.first_on_stage[answered.id]  # no such question


async def test_clicking_the_timeline_scrubs_there() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        bar = app.query_one(TimelineBar)
        await pilot.click(TimelineBar, offset=(bar.size.width // 2, 0))
        middle = app.facts.start + app.facts.duration // 2
        assert abs(app.position - middle) < app.facts.duration // 10
        assert 0 < app.cursor.index < app.cursor.count


async def test_help_lists_every_key_and_closes() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeyHelp)
        keys = str(app.screen.query_one("#help-keys").render())
        for phrase in ("Play the session", "next event", "faster", "Jump to a question"):
            assert phrase in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, KeyHelp)


def test_every_binding_has_an_id_and_a_description() -> None:
    for binding in ReplayApp.BINDINGS:
        assert binding.id and binding.id.startswith("replay.")
        assert binding.description and binding.tooltip


async def test_participant_text_shows_literally() -> None:
    markup = "[bold red]x[/] [link=https://example.org]y[/link]"
    start = 1_795_540_000_000
    events = [
        ev.SessionCreated(seq=1, at=start, session_id="s", title="[b]Panel[/b]",
                          settings=p.Settings()),
        ev.PanelistAdded(seq=2, at=start, panelist_id=1, name="[i]Dr. X[/i]"),
        ev.QuestionAsked(seq=3, at=start + 1000, question_id=1, text=markup, status="open",
                         author_id=None, author_name="[red]Ana[/red]"),
        ev.NowSet(seq=4, at=start + 2000, question_id=1, panelist_id=1),
        ev.NoteTaken(seq=5, at=start + 3000, note_id=1, question_id=1, text="[b]note[/b]"),
    ]  # fmt: skip
    app = make_replay_app(build_transcript(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        stage = app.query_one("#stage").render()
        assert markup in str(stage)
        assert "[i]Dr. X[/i]" in str(stage)
        assert "[b]note[/b]" in str(app.query_one("#notes-text").render())
        assert "[b]Panel[/b]" in str(app.query_one("#replay-header").render())
        row = app.query_one("#queue", QuestionList).get_row("1")
        assert any(markup[:10] in cell.plain for cell in row)


async def test_shrinking_the_terminal_refits_the_charts() -> None:
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.painted_index >= 0)
        await pilot.press("end")
        await pilot.resize_terminal(80, 24)
        chart = app.query_one(SpeakingChart)
        caret = app.query_one("#votes-caret")
        await until(pilot, lambda: chart.size.width < 40, "the chart to shrink")

        def fits() -> bool:
            lines = [*str(chart.render()).splitlines(), *str(caret.render()).splitlines()]
            return len(str(chart.render()).splitlines()) == len(app.transcript.panelists) and all(
                len(line) <= chart.content_size.width for line in lines
            )

        await until(pilot, fits, "a speaking-time line per panelist that fits the width")
        assert "now ▲" in screen_text(app)


async def test_the_header_shows_the_local_date_as_the_export_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = 1_795_575_600_000  # 2026-11-25 01:00 UTC, the evening of the 24th in New York
    events = [ev.SessionCreated(seq=1, at=start, session_id="s", title="T", settings=p.Settings())]
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        app = make_replay_app(build_transcript(events))
        async with app.run_test(size=SIZE):
            assert " · 2026-11-24 · " in str(app.query_one("#replay-header").render())
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
