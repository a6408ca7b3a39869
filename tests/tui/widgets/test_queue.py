"""The shared question list (host queue, replay): marks that are not colour alone, whole counts.

Replay shows answered and open questions in one list and pending with dismissed in another;
every row must say which it is without colour, and no count may be cut.
"""

from __future__ import annotations

import msgspec
import pytest
from textual.app import App, ComposeResult

from panelhost import protocol as p
from panelhost.tui.widgets.queue import (
    QuestionList,
    RowContext,
    age_changes_at,
    age_words,
    question_cells,
)

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


class CompactListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QuestionList(id="list", compact_below=90)


def opened(count: int) -> list[p.Question]:
    return [asked(i, "open", 0) for i in range(1, count + 1)]


async def shown_list(pilot, app: App[None], questions: list[p.Question]) -> QuestionList:
    table = app.query_one(QuestionList)
    await until(pilot, lambda: table.columns, what="the columns")
    await pilot.pause()
    table.show(questions, RowContext({}, 0, {}))
    await pilot.pause()
    return table


@pytest.mark.parametrize(
    ("first", "selected", "then", "expected"),
    [
        # more than half leave: the list clears and adds rows back in one go (the fast
        # path); the cursor used to fall back to the top instead of the row now where it was
        (range(1, 41), 6, [*range(1, 6), *range(31, 41)], 31),
        # the last row leaves as another comes: the cursor used to be clamped while rows
        # were removed, before the newcomer was added, and land on the row above
        (range(1, 11), 10, [*range(1, 10), 11], 11),
    ],
)
async def test_the_cursor_goes_to_the_row_that_took_its_questions_place(
    first: range, selected: int, then: list[int], expected: int
) -> None:
    app = ListApp()
    async with app.run_test(size=(100, 30)) as pilot:
        questions = opened(max(then))
        table = await shown_list(pilot, app, [q for q in questions if q.id in first])
        table.select(selected)
        await pilot.pause()
        table.show([q for q in questions if q.id in then], RowContext({}, 0, {}))
        await pilot.pause()
        assert table.order == then
        assert table.selected_id == expected


async def test_the_cursor_stays_on_its_question_when_the_list_turns_compact():
    # Crossing `compact_below` rebuilds the rows for new columns; the cursor used to go
    # back to the first question
    questions = opened(20)
    app = CompactListApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = await shown_list(pilot, app, questions)
        table.select(12)
        await pilot.pause()
        await pilot.resize_terminal(80, 30)
        await until(pilot, lambda: table.stale and not table.order, what="the rebuild")
        table.show(questions, RowContext({}, 0, {}))
        await pilot.pause()
        assert "age" not in table.columns
        assert table.selected_id == 12


async def test_texts_that_look_like_other_ids_rank_right():
    # The text cell starts with the status mark and Q id (`?Q3`, `✓Q12`); the text itself
    # may name other questions
    questions = [
        p.Question(id=i, text=f"Q{13 - i} ?Q{i + 1} ✓Q7", author=None, votes=0,
                   status=status, asked_at=ASKED)
        for i, status in zip(range(1, 13), ["pending", "dismissed", "answered", "open"] * 3,
                             strict=True)
    ]  # fmt: skip
    app = ListApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = await shown_list(pilot, app, questions)
        table.select(4)
        wanted = list(reversed(questions))
        table.show(wanted, RowContext({}, 0, {}))
        await pilot.pause()
        assert table.order == [q.id for q in wanted]
        assert [table.get_row_at(i)[1].plain.split()[0] for i in range(12)] == [
            f"{'?✗✓'[(q.id - 1) % 4] if (q.id - 1) % 4 < 3 else ''}Q{q.id}" for q in wanted
        ]
        assert table.selected_id == 4


@pytest.mark.parametrize(
    ("width", "addressed", "shown"),
    [
        (22, "→Chen: ", "My question"),  # the host's queue at 80 columns
        (60, "→ Dr. Chen: ", "My question is about the first year"),
    ],
)
def test_a_narrow_row_addressed_to_a_panelist_still_shows_its_text(
    width: int, addressed: str, shown: str
) -> None:
    # At 80 columns "Q1 → Dr. Chen: My…" left two letters of the question itself
    question = msgspec.structs.replace(
        asked(1, "open", 136), text="My question is about the first year", panelist_id=2
    )
    chen = p.Panelist(id=2, name="Dr. Chen", title="EM attending")
    _, text, _, _ = question_cells(question, RowContext({2: chen}, 0, {}), width)
    assert text.plain.startswith(f"Q1 {addressed}{shown}")
    assert len(text.plain) <= width


@pytest.mark.parametrize("asked_ms", [0, 37_412, 59_999])
def test_an_age_changes_exactly_when_its_words_do(asked_ms: int) -> None:
    # walk five hours a second at a time: the words change exactly at the predicted moments
    now = asked_ms
    changes_at = age_changes_at(asked_ms, now)
    words = age_words(now - asked_ms)
    while now < asked_ms + 5 * 3_600_000:
        now += 1_000 if now + 1_000 <= changes_at else changes_at - now
        if now < changes_at:
            assert age_words(now - asked_ms) == words
        else:
            assert age_words(now - asked_ms) != words, f"{words} at {now - asked_ms} ms"
            words, changes_at = age_words(now - asked_ms), age_changes_at(asked_ms, now)
            assert changes_at > now
    assert words == "5h"
