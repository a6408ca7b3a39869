"""A question over the limit: the refusal reads whole, and the text comes back to fix.

Found in a rehearsal at 80x24: the 307-character question came back into the box with
the cursor at its start, so backspace deleted nothing and new letters went in front;
and the status line cut the refusal after "the question is 307 characters;", before
what to do.
"""

from __future__ import annotations

import pytest

from panelhost.hub import Hub
from panelhost.tui.join.ask import AskInput

from ..pilotkit import screen_text, until
from .joinkit import join_app, painted

LONG = ("Why EM and not IM, really? " * 12)[:307]


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
async def test_a_question_over_the_limit_comes_back_to_be_shortened(
    hub: Hub, size: tuple[int, int]
) -> None:
    app = join_app(hub.url, hub.code, name="Zoë Ångström")
    async with app.run_test(size=size) as pilot:
        await painted(pilot, app)
        box = app.query_one(AskInput)
        box.insert_text_at_cursor(LONG)
        await pilot.press("enter")
        await until(pilot, lambda: box.value == LONG, "the text back in the box")
        await until(pilot, lambda: "shorten it to 300" in screen_text(app), "what to do")
        await pilot.press(*["backspace"] * 7, "enter")
        await until(pilot, lambda: 1 in hub.session.state.questions, "the shortened ask")
        assert hub.session.state.questions[1].text == LONG[:300].strip()
