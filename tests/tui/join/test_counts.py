"""Vote counts show whole (blocker 4 of the real-room issue): 150 real voters on a real hub,
and the column widths for counts up to 99,999."""

from __future__ import annotations

import asyncio

import pytest

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.tui.join.queue import SCROLLBAR, QuestionTable
from panelhost.tui.join.rows import cells_of, votes_digits, widths_for

from ...client.linkkit import OpenLink
from ..pilotkit import screen_text, until
from .joinkit import join_app, painted

VOTERS = 150


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=["80x24", "120x34"])
async def test_150_real_voters_show_as_150(
    make_hub, open_link: OpenLink, size: tuple[int, int]
) -> None:
    hub = await make_hub(limits={"failed_hellos_per_minute": 10**6})
    host = await open_link(hub, role="host", name="Maya")
    for text in ("How did you choose EM?", "What do PDs look for?", "Is burnout real?"):
        assert isinstance(await host.ask(text), p.Ok)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=size) as pilot:
        await painted(pilot, app)
        voters = await asyncio.gather(*(open_link(hub, name=f"Student {n}") for n in range(VOTERS)))
        assert all(voter.connected for voter in voters)
        replies = await asyncio.gather(*(voter.vote(2) for voter in voters))
        replies += await asyncio.gather(*(voter.vote(3) for voter in voters[:9]))
        assert all(isinstance(reply, p.Ok) for reply in replies)
        assert len(hub.session.state.questions[2].voters) == VOTERS
        await until(pilot, lambda: app.mirror.question(2).votes == VOTERS, "all the votes")  # type: ignore[union-attr]
        await painted(pilot, app)
        rows = [line for line in screen_text(app).splitlines() if line.startswith("│ Q")]
        assert "▲150" in rows[0] and "What do PDs look for?" in rows[0]
        assert "▲  9" in rows[1] and "Is burnout real?" in rows[1]
        assert "▲  0" in rows[2] and "How did you choose EM?" in rows[2]
        assert app.query_one(QuestionTable).selected_id == 1  # the cursor kept its question
        await pilot.press("tab", "up", "up")
        assert "Q2 · 150 votes · Maya · open" in screen_text(app)


def test_counts_up_to_99999_fit_whole_at_80_columns() -> None:
    mirror = Mirror()
    questions = [
        p.Question(id=n, text="x" * 300, author="A" * 40, votes=votes, status=status, asked_at="")
        for n, (votes, status) in enumerate(
            [(99_999, "open"), (5, "pending"), (0, "answering"), (123, "answered")], start=9998
        )
    ]
    digits = votes_digits(questions)
    rows = [cells_of(mirror, q, digits, set()) for q in questions]
    assert [row[1] for row in rows] == ["▲99999", "▲    5", "▲    0", "▲  123"]
    widths = widths_for(rows, 78 - SCROLLBAR, QuestionTable().cell_padding)
    assert (widths.id, widths.votes, widths.who) == (len("Q10001"), len("▲99999"), 17)
    assert widths.text >= 20  # the rest, for the question's first words
    padding = 2 * QuestionTable().cell_padding * 5
    assert widths.id + widths.votes + widths.marks + widths.text + widths.who + padding <= 77
