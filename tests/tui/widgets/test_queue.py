"""The shared question list (host queue, replay): marks that are not colour alone, whole counts.

Replay shows answered and open questions in one list and pending with dismissed in another;
every row must say which it is without colour, and no count may be cut.
"""

from __future__ import annotations

from textual.app import App, ComposeResult

from panelhost import protocol as p
from panelhost.tui.widgets.queue import QuestionList, RowContext

from ..pilotkit import screen_text, until

ASKED = "2026-11-24T18:00:00Z"


def asked(question_id: int, status: p.QuestionStatus, votes: int) -> p.Question:
    return p.Question(
        id=question_id,
        text=f"Question {question_id} {status}",
        author="Ana",
        votes=votes,
        status=status,
        asked_at=ASKED,
    )


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QuestionList(id="list")


async def test_mixed_statuses_carry_marks_and_counts_show_whole():
    questions = [
        asked(1, "answering", 101),
        asked(2, "open", 99_999),
        asked(3, "answered", 136),
        asked(4, "pending", 0),
        asked(5, "dismissed", 7),
    ]
    app = ListApp()
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one(QuestionList)
        await until(pilot, lambda: table.columns, what="the columns")
        await pilot.pause()
        table.show(questions, RowContext({}, 0, {}))
        await until(pilot, lambda: "Question 5" in screen_text(app), what="the rows")
        text = screen_text(app)
        for mark in ("▶Q1 on stage", "Q2 Question", "✓Q3", "?Q4", "✗Q5"):
            assert mark in text, text
        for count in ("▲  101", "▲99999", "▲  136", "▲    7"):
            assert count in text, text
