"""Pilot tests of the participant app against a real hub on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re

from panelhost import protocol as p
from panelhost.client.joining import join_first, stop_link
from panelhost.client.link import Link
from panelhost.hub import Hub
from panelhost.tui.join import make_join_app
from panelhost.tui.join.ask import AskBar, AskInput
from panelhost.tui.join.detail import ReadQuestion
from panelhost.tui.join.queue import QuestionTable
from panelhost.tui.join.stage import stage_text
from panelhost.tui.widgets.keyhelp import KeyHelp

from ...client.linkkit import FAST, OpenLink
from ..pilotkit import screen_text, until
from .joinkit import SIZE, join_app, painted

MARKUP = "[bold red]x[/] [link=https://example.org]y[/link] \x1b[31mred"


def _row_of(app, question_id: int) -> list[str]:
    table = app.query_one(QuestionTable)
    return [str(cell) for cell in table.get_row(str(question_id))]


def _select(app, question_id: int) -> None:
    table = app.query_one(QuestionTable)
    table.move_cursor(row=table.get_row_index(str(question_id)))


async def test_ask_vote_unvote_and_others_questions(hub: Hub, open_link: OpenLink) -> None:
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        assert "EM alumni panel" in screen_text(app)
        await pilot.press(*"How did you choose EM?", "enter")
        await until(pilot, lambda: app.mirror.my_questions == {1}, what="my ask")
        await painted(pilot, app)
        assert _row_of(app, 1) == ["Q1", "▲ 0", "mine", "How did you choose EM?", "you"]
        assert "sent: Q1 is in the queue" in app.status_text

        ben = await open_link(hub, name="Ben")
        assert isinstance(await ben.ask("What do PDs look for?"), p.Ok)
        await until(pilot, lambda: app.mirror.question(2) is not None, what="Ben's question")
        await painted(pilot, app)
        assert _row_of(app, 2)[3:] == ["What do PDs look for?", "Ben"]

        await pilot.press("tab")
        _select(app, 2)
        await pilot.press("space")
        await until(pilot, lambda: app.mirror.my_votes == {2}, what="the vote")
        await painted(pilot, app)
        assert _row_of(app, 2)[1:3] == ["▲ 1", "voted"]
        assert app.query_one(QuestionTable).selected_id == 2  # the cursor followed it up
        await pilot.press("space")
        await until(pilot, lambda: app.mirror.my_votes == set(), what="the unvote")
        await painted(pilot, app)
        assert _row_of(app, 2)[1:3] == ["▲ 0", ""]
        assert hub.session.state.questions[2].voters == set()


async def test_my_question_through_moderation(make_hub, open_link: OpenLink) -> None:
    hub = await make_hub(moderation=True)
    host = await open_link(hub, role="host", name="Maya")
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        await pilot.press(*"first", "enter")
        await until(pilot, lambda: 1 in app.mirror.my_questions)
        await pilot.press(*"second", "enter")
        await until(pilot, lambda: 2 in app.mirror.my_questions)
        await painted(pilot, app)
        assert "sent: Q2 is awaiting approval" in app.status_text
        assert _row_of(app, 1)[2:] == ["mine", "first", "awaiting approval"]

        assert isinstance(await host.request(p.Dismiss(question_id=1)), p.Ok)
        assert isinstance(await host.request(p.Approve(question_id=2)), p.Ok)
        await until(pilot, lambda: app.mirror.question(1).status == "dismissed")
        await until(pilot, lambda: app.mirror.question(2).status == "open")
        await painted(pilot, app)
        assert _row_of(app, 1)[4] == "dismissed"
        assert _row_of(app, 2)[4] == "you"

        await pilot.press("tab")
        _select(app, 2)
        await pilot.press("w")
        await until(pilot, lambda: app.mirror.question(2).status == "dismissed")
        await until(pilot, lambda: _row_of(app, 2)[4] == "withdrawn", what="withdrawn shown")
        assert _row_of(app, 1)[4] == "dismissed"  # the host's dismissal is not a withdrawal
        assert "you withdrew Q2" in app.status_text


async def test_markup_and_escapes_show_literally(hub: Hub, open_link: OpenLink) -> None:
    host = await open_link(hub, role="host", name="Maya")
    assert isinstance(await host.request(p.SettingsRequest(title="[b]Panel[/b]")), p.Ok)
    ben = await open_link(hub, name="[i]Ben[/i]")
    assert isinstance(await ben.ask(MARKUP), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=(160, 24)) as pilot:
        await painted(pilot, app)
        shown = screen_text(app)
        assert "[b]Panel[/b]" in shown
        assert "[bold red]x[/] [link=https://example.org]y[/link] [31mred" in shown
        assert "[i]Ben[/i]" in shown
        assert "\x1b" not in shown


async def test_timer_and_speaker_in_words(hub: Hub, open_link: OpenLink) -> None:
    host = await open_link(hub, role="host", name="Maya")
    ben = await open_link(hub, name="Ben")
    await ben.ask("How did you choose EM?")
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        await host.request(p.SetNow(question_id=1, panelist_id=1))
        await host.request(p.TimerRequest(action="start", seconds=120, panelist_id=1))
        await host.request(p.TimerRequest(action="pause"))
        await until(pilot, lambda: app.mirror.timer.state == "paused")
        await painted(pilot, app)
        header = screen_text(app).splitlines()[0]
        assert "EM alumni panel · on stage: Q1 · Dr. Rivera paused, " in header
        assert re.search(r"paused, [12]:\d\d left", header)
        # the countdown runs locally: read the header as it will be in 100 and 125 s
        await host.request(p.TimerRequest(action="resume"))
        await until(pilot, lambda: app.mirror.timer.state == "running")
        start = app.mirror.timer_at
        remaining = app.mirror.timer.remaining_ms / 1000
        text, phase = stage_text(app.mirror, start + remaining - 20, 80)
        assert "on stage: Q1 · Dr. Rivera wrap up: 0:20 left" in text.plain
        assert phase == "wrapup"
        text, phase = stage_text(app.mirror, start + remaining + 5, 80)
        assert "on stage: Q1 · Dr. Rivera OVERTIME +0:05" in text.plain
        assert phase == "overtime"


def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_says_what_the_keys_do_where_the_focus_is(hub: Hub) -> None:
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        await until(pilot, lambda: "f1 help" in _footer(app), "the ask box's footer")
        for words in ("ask", "tab questions", "^n anonymous", "^t to a panelist", "f1 help"):
            assert words in _footer(app)
        assert "vote" not in _footer(app)
        await pilot.press("tab")
        await until(pilot, lambda: "space vote" in _footer(app), "the list's footer")
        for words in ("space vote", "w withdraw", "read whole", "? help", "tab ask box"):
            assert words in _footer(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeyHelp)
        assert "withdraw your own selected question" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, KeyHelp)
        await pilot.press("escape")  # back to the box, where ? is text and F1 is help
        await pilot.press("question_mark")
        assert not isinstance(app.screen, KeyHelp)
        assert app.query_one(AskInput).value == "?"
        await pilot.press("f1")
        assert isinstance(app.screen, KeyHelp)
    assert all(binding.id for binding in app.BINDINGS)  # type: ignore[union-attr]
    assert all(binding.id for binding in QuestionTable.BINDINGS)  # type: ignore[union-attr]


async def test_anonymous_toggle_says_its_state(hub: Hub) -> None:
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        assert "anonymous: off" in screen_text(app)
        await pilot.press(*"secret", "ctrl+n")
        assert "anonymous: ON" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: 1 in app.mirror.my_questions)
        assert hub.session.state.questions[1].author_name is None
        await pilot.press("tab", "a")  # the plain key in the list
        assert "anonymous: off" in screen_text(app)
        await pilot.press("t")
        assert "to: Dr. Rivera" in screen_text(app)
        await pilot.press("tab", "ctrl+t")
        assert "to: Dr. Chen" in screen_text(app)
        await pilot.press("ctrl+t")
        assert "to: anyone" in screen_text(app)
        assert app.query_one(AskInput).value == ""


async def test_the_session_ending_stops_the_app(hub: Hub, open_link: OpenLink) -> None:
    host = await open_link(hub, role="host", name="Maya")
    assert isinstance(await host.ask("How did you choose EM?"), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        await pilot.press(*"half a question")
        assert isinstance(await host.request(p.End()), p.Ok)
        await until(pilot, lambda: app.link.status == "ended")
        await until(pilot, lambda: "the session has ended" in app.status_text)
        await until(pilot, lambda: "ask them for a copy" in screen_text(app), "the end words")
        shown = screen_text(app)
        assert "The session has ended" in shown and "The host keeps the notes" in shown
        assert "the session has ended" in shown.splitlines()[0]
        assert "Ask:" not in shown  # no longer invites asking
        assert "The session has ended." not in shown  # no toast over those words
        assert app.query_one(AskInput).disabled
        # the keys no longer toggle or send anything, and the footer no longer offers them
        await pilot.press("space", "a", "t", "w", "ctrl+n", "ctrl+t", "i", *"more")
        await pilot.pause()
        assert not app.query_one(AskBar).anonymous and app.query_one(AskBar).panelist_id is None
        assert app.mirror.my_votes == set()
        assert not app.query_one(AskInput).has_focus
        footer = _footer(app)
        assert "vote" not in footer and "anonymous" not in footer and "withdraw" not in footer
        await pilot.press("enter")  # reading a question still works
        assert isinstance(app.screen, ReadQuestion)


async def test_a_link_joined_before_the_app_paints_and_stops_as_the_command_runs_it(
    hub: Hub, open_link: OpenLink
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    await host.ask("Asked before Ana joined")
    link = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    task = await join_first(link)
    try:
        app = make_join_app(link, start_link=False)
        async with app.run_test(size=SIZE) as pilot:
            await painted(pilot, app)
            assert "Asked before Ana joined" in screen_text(app)
            # later changes reach the screen too (the link's task is not the app's)
            await host.ask("Asked after Ana joined")
            await until(pilot, lambda: app.mirror.question(2) is not None, what="the ask")
            await painted(pilot, app)
            assert "Asked after Ana joined" in screen_text(app)
            await pilot.press(*"Ana asks", "enter")
            await until(pilot, lambda: app.mirror.my_questions == {3}, what="Ana's ask")
            await painted(pilot, app)
            assert "Ana asks" in screen_text(app)
            assert isinstance(await host.request(p.End()), p.Ok)
            await until(pilot, lambda: "the session has ended" in app.status_text)
            assert app.query_one("#ask-input").disabled
    finally:
        await stop_link(link, task)


async def test_a_wrong_code_exits_with_2(hub: Hub) -> None:
    app = join_app(hub.url, "WRONG-CODE")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.link.stopped)
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2
    assert app.link.reason == "wrong join code; check it with the host"


async def test_a_burst_reranks_the_table_in_queue_order(make_hub, open_link: OpenLink) -> None:
    unlimited = {"requests_per_second": 1e6, "request_burst": 10**6}
    hub = await make_hub(limits=unlimited | {"flood_messages_per_second": 10**6})
    host = await open_link(hub, role="host", name="Maya")
    replies = await asyncio.gather(*(host.ask(f"question {i}") for i in range(300)))
    assert all(isinstance(reply, p.Ok) for reply in replies)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        table = app.query_one(QuestionTable)
        _select(app, 150)
        voters = [await open_link(hub, name=f"Voter {n}") for n in range(3)]
        votes = [voter.vote(question_id) for voter in voters for question_id in range(100, 300, 7)]
        votes += [voter.vote(299) for voter in voters]
        votes += [voters[0].vote(150), host.vote(150), host.vote(299)]
        assert all(isinstance(reply, p.Ok) for reply in await asyncio.gather(*votes))
        await until(pilot, lambda: app.mirror.question(150).votes == 2, what="votes on 150")  # type: ignore[union-attr]
        await until(pilot, lambda: app.mirror.question(299).votes == 4, what="votes on 299")  # type: ignore[union-attr]
        await painted(pilot, app)
        shown = [
            int(str(table.coordinate_to_cell_key((row, 0)).row_key.value))
            for row in range(table.row_count)
        ]
        assert shown == [q.id for q in app.mirror.queue()]
        assert shown[0] == 299
        assert table.selected_id == 150


async def test_home_and_end_go_to_the_first_and_last_question(
    hub: Hub, open_link: OpenLink
) -> None:
    # rehearsal: `end` in the list did nothing (the table scrolled sideways, if at all)
    students = [await open_link(hub, name=f"Student {n}") for n in range(10)]
    for n in range(1, 31):  # three each: one student may not ask faster
        assert isinstance(await students[n % 10].ask(f"Question number {n}"), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=(80, 24)) as pilot:
        await painted(pilot, app)
        table = app.query_one(QuestionTable)
        await until(pilot, lambda: table.row_count == 30, what="30 rows")
        await pilot.press("tab", "end")
        await until(pilot, lambda: table.selected_id == 30, what="the last question")
        assert "Question number 30" in screen_text(app)
        await pilot.press("home")
        await until(pilot, lambda: table.selected_id == 1, what="the first question")
