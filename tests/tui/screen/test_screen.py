"""The projector view against a real hub on loopback: it follows the stage, timer, votes and end."""

from __future__ import annotations

from pathlib import Path

from panelhost.hub import Hub, HubConfig
from panelhost.tui.screen.fittext import FitText
from panelhost.tui.widgets.timer import SpeakerTimer
from tests.hub.wire import join

from ..pilotkit import until
from .screenkit import next_ids, painted, question_text, screen_app, text_of, timer_words

SIZE = (120, 34)


async def test_follows_the_stage_and_the_timer(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    await host.request("ask", text="How did you choose emergency medicine?")
    app = screen_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        assert question_text(app) == "Waiting for the next question"
        assert timer_words(app) == "idle"
        assert "panelhost join" in text_of(app, "#join") and hub.code in text_of(app, "#join")

        await host.request("set_now", question_id=1, panelist_id=1)
        await until(
            pilot,
            lambda: question_text(app) == "How did you choose emergency medicine?",
            "the question on stage",
        )
        assert text_of(app, "#speaker") == "Answering: Dr. Rivera · EM resident, PGY-2"
        assert "Q1" in text_of(app, "#stage-meta")

        await host.request("timer", action="start", seconds=120)
        await until(pilot, lambda: timer_words(app).endswith(" left"), "a running timer")
        assert app.query_one(SpeakerTimer).has_class("-running")

        await host.request("timer", action="pause")
        await until(pilot, lambda: timer_words(app).startswith("paused, "), "a paused timer")
        assert app.query_one(SpeakerTimer).has_class("-paused")

        await host.request("timer", action="start", seconds=1)
        await until(pilot, lambda: timer_words(app).startswith("OVERTIME +"), "overtime")
        timer = app.query_one(SpeakerTimer)
        assert timer.has_class("-overtime")
        assert timer.reading.digits.startswith("-")

        await host.request("set_now", question_id=None, panelist_id=None)
        await until(
            pilot, lambda: question_text(app) == "Waiting for the next question", "an empty stage"
        )


async def test_votes_rerank_the_next_questions(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    for text in ("First question", "Second question", "Third question"):
        await host.request("ask", text=text)
    app = screen_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: next_ids(app) == [1, 2, 3], "the questions oldest first")
        ana = await join(hub, name="Ana")
        ben = await join(hub, name="Ben")
        await ana.request("vote", question_id=3)
        await ben.request("vote", question_id=3)
        await ana.request("vote", question_id=2)
        await until(pilot, lambda: next_ids(app) == [3, 2, 1], "the questions re-ranked by votes")
        await until(pilot, lambda: text_of(app, "#presence") == "2 online", "two participants")

        # the question on stage leaves the list of what is next
        await host.request("set_now", question_id=3, panelist_id=2)
        await until(pilot, lambda: next_ids(app) == [2, 1], "the stage out of the next list")
        assert text_of(app, "#stage-meta") == "On stage · Q3 · ▲2 votes · asked by Maya"


async def test_session_end_says_so_and_where_the_notes_are(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    app = screen_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        await host.request("end")
        await until(pilot, lambda: app.screen.has_class("-ended"), "the end of the session")
        assert text_of(app, "#ended-title") == "The session has ended."
        notes = text_of(app, "#ended-notes")
        assert notes == f"The host will share the notes (panelhost export {hub.session_id})."
        assert not app.query_one("#join").display
        assert app.link.status == "ended"


async def test_question_text_is_plain_and_long_text_shrinks_to_fit(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    markup = "[bold red]x[/] [link=https://example.invalid]y[/link]"
    await host.request("ask", text=markup)
    long = "Why " + "really " * 40 + "EM?"
    assert (await host.request("ask", text=long))["type"] == "ok"
    app = screen_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await host.request("set_now", question_id=1, panelist_id=1)
        await until(pilot, lambda: question_text(app) == markup, "the markup question")
        await pilot.pause()
        rendered = str(app.query_one("#question", FitText).render())
        assert rendered.strip() == markup

        # the longest question a hub allows fits whole at 80x24
        await host.request("set_now", question_id=2, panelist_id=1)
        await until(pilot, lambda: question_text(app) == long, "the long question")
        await pilot.pause()
        question = app.query_one("#question", FitText)
        assert not question.truncated
        assert " ".join(str(question.render()).split()) == long

        # in a smaller window it shrinks to fit with an ellipsis, and nothing else moves off
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        rendered = str(question.render())
        assert question.truncated and rendered.rstrip().endswith("…")
        for selector in ("#speaker", "#timer", "#next", "#join"):
            region = app.query_one(selector).region
            assert region.height > 0 and region.bottom <= 18, selector
        assert app.screen.max_scroll_y == 0


async def test_reconnects_and_resyncs_after_the_hub_restarts(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    first = await Hub.start(HubConfig(sessions_dir=sessions, port=0, title="Panel"))
    port, session_id = first.port, first.session_id
    second: Hub | None = None
    try:
        host = await join(first, role="host", name="Maya")
        await host.request("ask", text="Before the restart")
        app = screen_app(first)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: next_ids(app) == [1], "the first question")
            await first.stop()  # every client gets 1001
            await until(
                pilot, lambda: text_of(app, "#presence") == "hub: reconnecting…", "reconnecting"
            )
            second = await Hub.start(
                HubConfig(sessions_dir=sessions, port=port, title="Panel", resume=session_id)
            )
            host = await join(second, role="host", name="Maya")
            await host.request("ask", text="After the restart")
            await until(pilot, lambda: next_ids(app) == [1, 2], "both questions after resync")
            await until(pilot, lambda: text_of(app, "#presence") == "0 online", "connected again")
            assert app.link.welcomes == 2
    finally:
        await first.stop()
        if second is not None:
            await second.stop()
