"""Typing into the participant app: every printable key is text, right from the first frame.

Blocker 2 of the real-room issue: typing "What is a typical week like?" used to toggle
anonymous (`a`), pick a panelist (`t`), vote (space), withdraw (`w`), jump (`i`) and open
the help (`?`). Keys are pressed one by one, at once, with no wait for the first paint,
and the result is read from the real hub's state.
"""

from __future__ import annotations

import pytest

from panelhost import protocol as p
from panelhost.client.joining import join_first, stop_link
from panelhost.client.link import Link
from panelhost.hub import Hub
from panelhost.tui.join import make_join_app
from panelhost.tui.join.ask import AskInput
from panelhost.tui.join.queue import QuestionTable
from panelhost.tui.widgets.keyhelp import KeyHelp

from ...client.linkkit import FAST, OpenLink
from ..pilotkit import until
from .joinkit import join_app, painted

QUESTION = "What is a typical week like? a t w i ? A T W I / j k"
"""Spaces, every single-letter key the list uses (both cases), `?` and `/`."""


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
@pytest.mark.parametrize("joined_first", [True, False], ids=["as-the-command", "app-joins"])
async def test_a_question_typed_right_after_joining_is_asked_exactly(
    hub: Hub, open_link: OpenLink, size: tuple[int, int], joined_first: bool
) -> None:
    ben = await open_link(hub, name="Ben")
    assert isinstance(await ben.ask("How did you choose EM?"), p.Ok)
    link = Link(hub.url, role="participant", code=hub.code, name="Ana", backoff=FAST)
    task = await join_first(link) if joined_first else None
    try:
        app = make_join_app(link, start_link=not joined_first)
        async with app.run_test(size=size) as pilot:
            await pilot.press(*QUESTION, "enter")  # no wait: the first key comes at once
            await until(pilot, lambda: 2 in hub.session.state.questions, what="the ask")
            await painted(pilot, app)
            assert not isinstance(app.screen, KeyHelp)
            assert app.query_one(AskInput).has_focus
            assert app.query_one(AskInput).value == ""
    finally:
        if task is not None:
            await stop_link(link, task)
    state = hub.session.state
    asked = state.questions[2]
    assert asked.text == QUESTION
    assert asked.author_name == "Ana"  # not anonymous
    assert asked.panelist_id is None  # to nobody
    assert asked.status == "open"  # not withdrawn
    assert [q.voters for q in state.questions.values()] == [set(), set()]  # no vote changed
    assert len(state.questions) == 2


async def test_tab_goes_to_the_list_where_single_keys_act_and_back(
    hub: Hub, open_link: OpenLink
) -> None:
    ben = await open_link(hub, name="Ben")
    assert isinstance(await ben.ask("How did you choose EM?"), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=(80, 24)) as pilot:
        await painted(pilot, app)
        await pilot.press("tab")
        assert app.query_one(QuestionTable).has_focus
        await pilot.press("space")
        await until(pilot, lambda: hub.session.state.questions[1].voters != set(), "the vote")
        await pilot.press("escape")
        assert app.query_one(AskInput).has_focus
        await pilot.press("tab", "tab")
        assert app.query_one(AskInput).has_focus
        await pilot.press(*"w ?", "enter")
        await until(pilot, lambda: 2 in hub.session.state.questions, what="the ask")
    assert hub.session.state.questions[2].text == "w ?"
    assert len(hub.session.state.questions[1].voters) == 1
