"""The host reads every question whole: the detail pane, the stage, counts that never cut.

Against a real hub on 127.0.0.1, keys pressed one by one, at 80x24 and 120x34.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from panelhost import protocol as p

from ..pilotkit import screen_text, until
from .hostkit import ask, connected, host_app, painted, screen_of, shows

SIZES = [(80, 24), (120, 34)]

LONG = (
    "My question is about the first year of residency, and the way the night shifts "
    "and long weeks in the emergency room fit with a life outside the hospital: "
    "how do you keep friends, exercise and sleep going while the schedule changes each "
    "month, and what would you tell a student today?? xylophonequasar"
)
"""300 characters that end in a word no other text on the screen has."""
assert len(LONG) == 300


def words_in(app, selector: str) -> list[str]:
    """Every word the screen shows inside a widget's box, in reading order."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    box = "\n".join(line[region.x : region.right] for line in lines)
    return re.findall(r"[\w'’-]+", box)


def reads_whole(app, text: str, selector: str) -> bool:
    """The words of `text` show in the widget one after the other, none missing or cut."""
    wanted = re.findall(r"[\w'’-]+", text)
    shown = words_in(app, selector)
    for start in range(len(shown) - len(wanted) + 1):
        if shown[start : start + len(wanted)] == wanted:
            return True
    return False


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_selected_question_reads_whole_with_its_author_addressee_and_votes(
    hub, open_link, size
):
    ana = await open_link(hub, name="Ana")
    await ask(ana, "How did you choose emergency medicine?")
    await ask(ana, "What do program directors look for on a rotation?")
    long_id = await ask(ana, LONG, panelist_id=2)
    app = host_app(hub)
    async with app.run_test(size=size) as pilot:
        await connected(pilot, app)
        assert not reads_whole(app, LONG, "#main")  # the row cuts it; none selected it yet
        await pilot.press("down", "down")
        queue, _ = screen_of(app).lists()
        assert queue.selected_id == long_id
        await until(pilot, lambda: reads_whole(app, LONG, "#detail"), what="the whole question")
        detail = " ".join(words_in(app, "#detail"))
        assert "open 0 votes Ana to Dr Chen asked just now" in detail
        text = screen_text(app)
        # the row says who it is for, even when it cuts the text (by the last name when narrow)
        assert f"Q{long_id} → Dr. Chen" in text or f"Q{long_id} →Chen: My" in text
        assert (f"Q{long_id} →Chen" in text) == (size[0] == 80)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_question_on_stage_reads_whole(hub, open_link, size):
    ana = await open_link(hub, name="Ana")
    long_id = await ask(ana, LONG)
    await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=size) as pilot:
        await connected(pilot, app)
        await pilot.press("enter", "1")
        await until(pilot, lambda: app.link.mirror.now.question_id == long_id)
        await painted(pilot, app)
        stage = app.screen.query_one("#stage-question")
        # the stage box itself holds the question whole, word for word
        await until(pilot, lambda: "xylophonequasar" in str(stage.render()))
        assert " ".join(str(stage.render()).split()).endswith(" ".join(LONG.split()))
        assert stage.size.height >= stage.virtual_size.height  # nothing scrolled or cut
        # and the host reads it on the screen
        await until(pilot, lambda: reads_whole(app, LONG, "#stage"), what="the whole question")
        assert "on stage now" in screen_text(app)
        assert reads_whole(app, "Dr. Rivera · EM resident, PGY-2", "#stage")


async def test_the_stage_header_never_cuts_a_long_question_or_its_panelist(hub, open_link):
    ana = await open_link(hub, name="Ana")
    long_id = await ask(ana, LONG)
    other = await ask(ana, "How did you choose emergency medicine?")
    app = host_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await connected(pilot, app)
        await pilot.press("enter", "2")
        await until(pilot, lambda: app.link.mirror.now.question_id == long_id)
        # the cursor goes to another question: the stage alone must still show it whole
        await painted(pilot, app)
        await pilot.press("down")
        queue, _ = screen_of(app).lists()
        await until(pilot, lambda: queue.selected_id == other)
        await until(pilot, lambda: reads_whole(app, LONG, "#stage"), what="the stage to show it")
        await shows(pilot, app, "Dr. Chen")


async def test_counts_of_150_votes_show_whole_in_the_queue(hub, open_link):
    ana = await open_link(hub, name="Ana")
    many = await ask(ana, "Which question did 150 students vote for?")
    few = await ask(ana, "Which one did 49 vote for?")
    voters = await asyncio.gather(*(open_link(hub, name=f"Student {n}") for n in range(150)))
    answers = await asyncio.gather(*(v.vote(many) for v in voters))
    answers += await asyncio.gather(*(v.vote(few) for v in voters[:49]))
    assert all(isinstance(answer, p.Ok) for answer in answers)
    for size in SIZES:
        app = host_app(hub)
        async with app.run_test(size=size) as pilot:
            await connected(pilot, app)
            text = await shows(pilot, app, "▲150", "▲ 49")
            assert "▲15 " not in text and "▲13" not in text
            await pilot.press("down")
            await shows(pilot, app, "▲49 votes")


def test_counts_up_to_99999_fit_their_column():
    from panelhost.tui.widgets.queue import RowContext, question_cells, votes_width

    for votes in (0, 9, 99, 100, 136, 9_999, 99_999):
        question = p.Question(
            id=1, text="x", author=None, votes=votes, status="open", asked_at="2026-01-01T00:00:00Z"
        )
        width = votes_width([question])
        cells = question_cells(question, RowContext({}, 0, {}), 30, width)
        assert cells[0].plain.replace(" ", "") == f"▲{votes}" and len(cells[0].plain) == width


async def test_at_80x24_the_session_title_and_the_hub_status_both_show_whole(make_hub):
    hub = await make_hub(title="EM alumni panel · Notaufnahme ✚")
    app = host_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await connected(pilot, app)
        line = lambda: screen_text(app).splitlines()[0]  # noqa: E731
        await until(pilot, lambda: "hub: connected" in line(), what="the hub's status")
        assert "EM alumni panel · Notaufnahme ✚" in line(), line()
