"""A row's age turns over on its question's own minute, as the Selected pane's does.

Found in the demo: a question asked 30 s into the clock's minute read "now" in the queue
while the pane under it said "asked 1m ago", until the clock's next minute.
"""

from __future__ import annotations

import time
from typing import Any

from panelhost.tui.host import HostClock
from panelhost.tui.widgets.queue import QuestionList

from ...client.linkkit import OpenLink
from ..pilotkit import until
from .hostkit import ask, host_pilot, screen_of


async def test_a_rows_age_turns_over_on_its_own_minute(hub: Any, open_link: OpenLink) -> None:
    ana = await open_link(hub, name="Ana")
    wall = [0]
    clock = HostClock(monotonic=time.monotonic, wall_ms=lambda: wall[0])
    async with host_pilot(hub, clock=clock) as (app, pilot):
        mirror = app.link.mirror
        question_id = await ask(ana, "How did you choose EM?")
        asked = mirror.asked_ms(question_id)
        while asked % 60_000 == 0:  # its minute is the clock's: nothing to tell apart
            question_id = await ask(ana, "And why EM, again?")
            asked = mirror.asked_ms(question_id)
        queue = screen_of(app).query_one("#queue", QuestionList)

        def age_shown() -> str:
            return queue.get_row(str(question_id))[-1].plain if question_id in queue.order else ""

        wall[0] = asked + 59_999  # in the same minute of the clock as asked + 60 s
        await until(pilot, lambda: age_shown() == "now", "the row to read now")
        wall[0] = asked + 60_000
        flushes = app.stats.flushes
        await until(pilot, lambda: app.stats.flushes >= flushes + 2, "two flushes")
        assert "asked 1m ago" in str(screen_of(app).query_one("#detail").render())
        assert age_shown() == "1m"
