"""A list of questions (queue, pending, answered, dismissed) updated in place by question id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.data_table import ColumnKey

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.core.early import ASKED_EARLY_MARK
from panelhost.tui.widgets.keyed_table import KeyedTable

COLUMNS = ("votes", "text", "author", "age")
FIXED_WIDTHS = {"votes": 3, "author": 10, "age": 3}
"""Widths of every column but the question's text, which takes what is left; the votes
column grows with the largest count shown (`▲136`, `▲99999`), so no count is ever cut."""

STATUS_MARKS = {
    "answering": "▶",
    "answered": "✓",
    "pending": "?",
    "dismissed": "✗",
}
"""The symbol before a row's Q id: lists that mix statuses (replay) show which is which
without colour; the detail pane says it in words."""

COMPACT_AUTHOR = 8
"""The author column's width in a compact list (see `QuestionList`'s `compact_below`)."""

ON_STAGE_WORDS_FROM = 30
"""Text columns this wide or wider say "on stage" beside the marker of the question on it."""
ADDRESSED_IN_FULL_FROM = 40
"""Text columns this wide or wider name the panelist a question is for in full (`→ Dr. Chen:`);
narrower ones by the name's last word (`→Chen:`), so the question keeps room for its words
(at 80 columns the full name left two letters of them)."""
SHORT_NAME = 10
"""The most a narrow row gives the panelist's last name."""

Cells = tuple[Text, Text, Text, Text]


HOURS_FROM_MINUTES = 100
"""An age this many minutes or more reads in hours (`99m`, then `1h`): three columns."""


def age_words(age_ms: int) -> str:
    """How long ago a question was asked: `now`, `5m`, `2h`."""
    minutes = max(0, age_ms) // 60_000
    if minutes < 1:
        return "now"
    if minutes < HOURS_FROM_MINUTES:
        return f"{minutes}m"
    return f"{minutes // 60}h"


def age_changes_at(asked_ms: int, now_ms: int) -> int:
    """When `age_words` of a question asked at `asked_ms` next reads otherwise (wall ms).

    Each question's age turns over on its own minute, not the clock's: a list that
    repaints its ages only on the clock's minute shows "now" for up to a minute too long.
    """
    minutes = max(0, now_ms - asked_ms) // 60_000
    if minutes < HOURS_FROM_MINUTES:
        return asked_ms + (minutes + 1) * 60_000
    return asked_ms + (minutes // 60 + 1) * 3_600_000


@dataclass(frozen=True, slots=True)
class RowContext:
    """What a row needs besides its question: panelists' names and the wall clock."""

    panelists: Mapping[int, p.Panelist]
    now_wall_ms: int
    asked_ms: Mapping[int, int]


def votes_width(questions: Sequence[p.Question]) -> int:
    """The votes column's width for these questions: `▲` and the largest count, at least 2."""
    most = max((q.votes for q in questions), default=0)
    return 1 + max(2, len(str(most)))


def addressed_to(name: str, text_width: int) -> str:
    """`→ Dr. Chen: ` before a question for a panelist, or `→Chen: ` in a narrow row."""
    name = printable(name)
    if text_width >= ADDRESSED_IN_FULL_FROM:
        return f"→ {name}: "
    last = (name.split() or [name])[-1]
    if len(last) > SHORT_NAME:
        last = last[: SHORT_NAME - 1] + "…"
    return f"→{last}: "


def question_cells(
    question: p.Question,
    context: RowContext,
    text_width: int,
    votes_columns: int = FIXED_WIDTHS["votes"],
    author_columns: int = FIXED_WIDTHS["author"],
) -> Cells:
    """The cells of one question's row; participant text stays plain text.

    The text cell starts with the status mark and Q id (`▶Q7 on stage`, `✓Q3`, `Q9`), then
    the panelist it is addressed to (`→ Dr. Chen`, `→Chen` when narrow) before the text, so
    that a narrow row still shows who it is for.
    """
    votes = Text(
        f"▲{question.votes:>{votes_columns - 1}}", style="bold" if question.votes else "dim"
    )
    text = Text()
    mark = STATUS_MARKS.get(question.status, "")
    if question.status == "answering":
        words = " on stage" if text_width >= ON_STAGE_WORDS_FROM else ""
        text.append(f"{mark}Q{question.id}{words}", style="bold reverse")
        text.append(" ")
    elif question.status == "answered":
        text.append(f"{mark}Q{question.id} ", style="bold")
    else:
        text.append(f"{mark}Q{question.id} ", style="dim")
    panelist = context.panelists.get(question.panelist_id or -1)
    if panelist is not None:
        text.append(addressed_to(panelist.name, text_width), style="italic")
    if question.asked_early:
        text.append(f"{ASKED_EARLY_MARK}: ", style="italic")
    text.append(printable(question.text), style="dim" if question.status == "answered" else "")
    text.truncate(max(1, text_width), overflow="ellipsis")
    author = (
        Text("anonymous", style="dim italic")
        if question.author is None
        else Text(printable(question.author))
    )
    author.truncate(author_columns, overflow="ellipsis")
    asked = context.asked_ms.get(question.id, context.now_wall_ms)
    age = Text(age_words(context.now_wall_ms - asked), style="dim", justify="right")
    return (votes, text, author, age)


class QuestionList(KeyedTable[Text]):
    """Questions as rows keyed by id (`KeyedTable`): its columns, widths and compact mode.

    `show()` updates changed cells and re-ranks; the cursor stays on the same question id,
    and when its question leaves the list it moves to the row that took its place.
    """

    KEY_COLUMN = "text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
    ]

    DEFAULT_CSS = """
    QuestionList { height: 1fr; }
    """

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, compact_below: int = 0
    ) -> None:
        super().__init__(
            id=id,
            classes=classes,
            cursor_type="row",
            zebra_stripes=False,
            show_header=False,
            cursor_foreground_priority="renderable",
        )
        self._text_width = 30
        self._votes_width = FIXED_WIDTHS["votes"]
        self.compact_below = compact_below
        """Narrower than this, the list drops its age column and narrows the author's, so
        the question's text keeps room (the replay at 80 columns)."""
        self._compact = False
        self.stale = True
        """True when the rows must be shown again even if the questions did not change."""

    def on_mount(self) -> None:
        for name in COLUMNS:
            width = FIXED_WIDTHS.get(name, self._text_width)
            self.add_column(name, key=name, width=width)

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Give the text what the other columns leave (the votes column's width varies)."""
        if "text" not in self.columns:
            return
        self._fit_compact()
        votes = self.columns[ColumnKey("votes")]
        if votes.width != self._votes_width + self._gap:
            votes.width = self._votes_width + self._gap
            votes.auto_width = False
            self.stale = True
        others = sum(c.width for c in self.columns.values() if c.key != ColumnKey("text"))
        width = self.size.width - others - 2 * len(self.columns) * self.cell_padding
        width = max(10, width - 1)
        if width != self._text_width or self.stale:
            self._text_width = width
            column = self.columns[ColumnKey("text")]
            column.width = width
            column.auto_width = False
            self.stale = True  # texts are truncated to the width: show them again
            # DataTable recomputes its scrollable width only when told to: without this
            # a list with no rows keeps the old width and scrolls sideways when narrowed
            self._require_update_dimensions = True
            self.refresh()

    def _fit_compact(self) -> None:
        """Drop or bring back the age column as the list crosses `compact_below`."""
        compact = self.size.width < self.compact_below
        if compact == self._compact:
            return
        self._compact = compact
        self.clear()  # the rows come back with the new columns at the next `show`
        if compact:
            self.remove_column("age")
        else:
            self.add_column("age", key="age", width=FIXED_WIDTHS["age"])
        author = self.columns[ColumnKey("author")]
        author.width = self._author_width + self._gap
        author.auto_width = False
        self.cell_padding = 0 if compact else 1  # cells carry their own one-space gap
        self.stale = True

    def show(self, questions: Sequence[p.Question], context: RowContext) -> bool:
        """Make the table show `questions` in this order; True if anything changed."""
        if not self.columns:
            return False
        wanted_votes = votes_width(questions)
        if wanted_votes != self._votes_width:
            self._votes_width = wanted_votes
            self._fit_columns()
        self.stale = False
        by_id = {q.id: q for q in questions}
        return self.set_rows(list(by_id), lambda i: self._cells(by_id[i], context))

    def _cells(self, question: p.Question, context: RowContext) -> tuple[Text, ...]:
        cells = question_cells(
            question, context, self._text_width, self._votes_width, self._author_width
        )
        if self._compact:  # no padding: the cells hold the gap, and there is no age column
            return (cells[0] + " ", cells[1], Text(" ") + cells[2])
        return cells

    @property
    def _gap(self) -> int:
        """A compact list has no cell padding: its cells hold one space between them."""
        return 1 if self._compact else 0

    @property
    def _author_width(self) -> int:
        return COMPACT_AUTHOR if self._compact else FIXED_WIDTHS["author"]
