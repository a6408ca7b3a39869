"""The stage and the timer as one act, driven by the host's keys against a real hub.

What was seen: after `m` or `c` the panelist still showed as speaking on the host, in
the participant header and on the projector; a new question on stage showed the last
answer's timer. Each key is one request (the hub moves the timer with the stage).
"""

from __future__ import annotations

import time

import pytest

from panelhost import protocol as p
from panelhost.tui.join.stage import stage_text
from panelhost.tui.widgets.timer import SpeakerTimer

from ..pilotkit import screen_text, until
from ..screen.screenkit import painted as projector_painted
from ..screen.screenkit import screen_app, text_of
from .hostkit import ask, connected, host_app, painted, question


def nobody_speaks(text: str) -> bool:
    return "speaking" not in text and "Speaking" not in text and " · now" not in text


async def paused_in_overtime(pilot, app) -> None:
    """The top question on stage for panelist 1, then `-` until the duration is 0 (0:30
    over: 2:00 less 5 x 0:30 stops at 0), then paused."""
    await connected(pilot, app)
    mirror = app.link.mirror
    await pilot.press("enter", "1")
    await until(pilot, lambda: mirror.timer.state == "running")
    for _ in range(5):
        await pilot.press("minus")
    await until(pilot, lambda: mirror.timer.duration_ms == 0)
    await pilot.press("space")
    await until(pilot, lambda: mirror.timer.state == "paused")
    await painted(pilot, app)


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
@pytest.mark.parametrize("key", ["m", "c"])
async def test_after_m_or_c_nobody_shows_as_speaking_anywhere(hub, open_link, size, key):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    await ask(ana, "What is a typical week like?")
    app = host_app(hub)
    sent: list[p.Request] = []
    async with app.run_test(size=size) as pilot:
        await connected(pilot, app)
        link_send = app.link.request

        async def counting(request: p.Request) -> p.Ok | p.Error:
            sent.append(request)  # the real link sends it: this only counts
            return await link_send(request)

        app.link.request = counting  # type: ignore[method-assign]
        mirror = app.link.mirror
        await pilot.press("enter", "2")
        await until(pilot, lambda: mirror.timer.state == "running", what="the timer to run")
        assert [type(r) for r in sent] == [p.SetNow]  # one key, one request
        await until(pilot, lambda: ana.mirror.speaker() is not None)
        assert "Dr. Chen" in stage_text(ana.mirror, time.monotonic(), 80)[0].plain
        await painted(pilot, app)
        sent.clear()

        await pilot.press(key)
        await until(pilot, lambda: mirror.timer.state == "idle" and mirror.now.question_id is None)
        assert [type(r) for r in sent] == [p.MarkAnswered if key == "m" else p.SetNow]
        assert (mirror.timer.panelist_id, mirror.now.panelist_id) == (None, None)
        assert question(app, first).status == "answered"
        await painted(pilot, app)
        assert nobody_speaks(screen_text(app)), screen_text(app)
        assert "no panelist on stage" in screen_text(app)
        await until(pilot, lambda: ana.mirror.timer.state == "idle")
        assert ana.mirror.speaker() is None
        header = stage_text(ana.mirror, time.monotonic(), 80)[0].plain
        assert nobody_speaks(header) and "Dr. Chen" not in header, header

    projector = screen_app(hub)
    async with projector.run_test(size=size) as pilot:
        await until(pilot, lambda: projector_painted(projector), what="the projector")
        assert text_of(projector, "#speaker") == ""
        assert nobody_speaks(screen_text(projector))


async def test_a_new_question_on_stage_gets_a_fresh_timer(hub, open_link):
    ana = await open_link(hub, name="Ana")
    first = await ask(ana, "How did you choose emergency medicine?")
    second = await ask(ana, "What is a typical week like?")
    app = host_app(hub)
    async with app.run_test(size=(120, 34)) as pilot:
        mirror = app.link.mirror
        await paused_in_overtime(pilot, app)
        assert "OVERTIME" in app.screen.query_one(SpeakerTimer).reading.words

        queue, _ = app.host_screen.lists()  # type: ignore[union-attr]
        queue.select(second)
        await pilot.press("enter", "2")
        await until(pilot, lambda: question(app, second).status == "answering")
        await until(pilot, lambda: mirror.timer.panelist_id == 2)
        assert question(app, first).status == "answered"
        assert (mirror.timer.state, mirror.timer.duration_ms) == ("running", 120_000)
        await painted(pilot, app)
        words = app.screen.query_one(SpeakerTimer).reading.words
        assert "OVER" not in words and "paused" not in words, words


async def test_one_timer_reads_the_same_on_the_host_the_participant_and_the_projector(
    hub, open_link
):
    """Seen: duration 0 and 0:05 over (`-` pressed) read `OVERTIME +0:05` on the host and
    `wrap up: 0:05 left` in the participant's header."""
    ana = await open_link(hub, name="Ana")
    await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await paused_in_overtime(pilot, app)
        await until(pilot, lambda: ana.mirror.timer.state == "paused")
        host_words = app.screen.query_one(SpeakerTimer).reading.words
        assert host_words.startswith("paused, OVERTIME +0:")
        header = stage_text(ana.mirror, time.monotonic(), 80)[0].plain
        assert host_words in header, header

    projector = screen_app(hub)
    async with projector.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: projector_painted(projector), what="the projector")
        assert projector.query_one(SpeakerTimer).reading.words == host_words
