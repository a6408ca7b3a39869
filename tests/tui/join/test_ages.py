"""The selected question's age goes on by itself in a quiet room ("asked 1m ago").

The pane was painted only when something changed: with no vote, presence or answer
coming in, it kept saying "asked just now".
"""

from __future__ import annotations

import time
from typing import Any

from panelhost.tui.join.clock import Clock
from panelhost.tui.join.detail import QuestionDetail

from ...client.linkkit import OpenLink
from ..pilotkit import until
from .joinkit import SIZE, join_app, painted


async def test_the_selected_questions_age_goes_on_in_a_quiet_room(
    hub: Any, open_link: OpenLink
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    answer = await host.ask("How did you choose EM?")
    wall = [0]
    app = join_app(hub.url, hub.code, clock=Clock(time.monotonic, lambda: wall[0]))
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        asked = app.mirror.asked_ms(answer.id or 0)
        wall[0] = asked + 1_000
        detail = app.query_one(QuestionDetail)
        await until(pilot, lambda: "asked just now" in str(detail.render()), "just now")
        wall[0] = asked + 61_000  # a minute on, and nothing else happens
        await until(pilot, lambda: "asked 1m ago" in str(detail.render()), "asked 1m ago")
