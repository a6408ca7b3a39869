"""The participant's question list: ranked queue first, then my pending and dismissed ones."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import STATUS_WORDS, author_words, printable

VOTES_WIDTH, MARK_WIDTH, WHO_WIDTH = 5, 10, 17
COLUMNS = ("votes", "mark", "text", "who")
Row = tuple[str, str, str, str]


def rows_of(mirror: Mirror) -> list[p.Question]:
    """What the list shows, in order: the queue, then my own questions nobody else sees."""
    hidden_mine = [q for q in mirror.mine() if q.status in ("pending", "dismissed")]
    return mirror.queue() + hidden_mine


def cells_of(mirror: Mirror, question: p.Question) -> Row:
    """The four cells of a question as plain strings: votes, marks, text, author or status."""
    marks = []
    if question.id in mirror.my_questions:
        marks.append("mine")
    if question.id in mirror.my_votes:
        marks.append("voted")
    if question.status in ("open",) and question.id not in mirror.my_questions:
        who = author_words(question.author)
    elif question.status == "open":
        who = "anonymous" if question.author is None else "you"
    else:
        who = STATUS_WORDS[question.status]
    return (f"▲{question.votes:>3}", " ".join(marks), printable(question.text), who)


class QuestionTable(DataTable[Text]):
    """Rows keyed by question id; updated cell by cell, rebuilt only when the order changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.focus_ask", "ask", id="join.ask"),
    ]

    def __init__(self) -> None:
        super().__init__(id="queue", cursor_type="row", zebra_stripes=False)
        self._order: list[int] = []
        self._cells: dict[int, Row] = {}
        self._text_width = 40

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(Text("votes"), width=VOTES_WIDTH, key="votes")
        self.add_column(Text("mark"), width=MARK_WIDTH, key="mark")
        self.add_column(Text("question"), width=self._text_width, key="text")
        self.add_column(Text("asked by"), width=WHO_WIDTH, key="who")

    @property
    def selected_id(self) -> int | None:
        """The question under the cursor."""
        if not self._order or not 0 <= self.cursor_row < len(self._order):
            return None
        return self._order[self.cursor_row]

    def fit_width(self, total: int) -> bool:
        """Give the question text what the other columns leave of `total`; True if changed."""
        fixed = VOTES_WIDTH + MARK_WIDTH + WHO_WIDTH + 2 * self.cell_padding * 4 + 2
        width = max(12, total - fixed)
        if width == self._text_width:
            return False
        self._text_width = width
        self.clear(columns=True)
        self._add_columns()
        self._order, self._cells = [], {}
        return True

    def show(self, mirror: Mirror) -> None:
        """Bring the rows in step with the mirror, keeping the cursor on the same question."""
        questions = rows_of(mirror)
        order = [q.id for q in questions]
        cells = {q.id: cells_of(mirror, q) for q in questions}
        if order == self._order:
            for question_id, row in cells.items():
                old = self._cells.get(question_id)
                if old == row:
                    continue
                for index, key in enumerate(COLUMNS):
                    if old is None or old[index] != row[index]:
                        self.update_cell(str(question_id), key, self._render(key, row[index]))
            self._cells = cells
            return
        selected = self.selected_id
        row_index = self.cursor_row
        self.clear()
        for question_id in order:
            row = cells[question_id]
            rendered = (self._render(key, value) for key, value in zip(COLUMNS, row, strict=True))
            self.add_row(*rendered, key=str(question_id))
        self._order, self._cells = order, cells
        if selected in order:
            self.move_cursor(row=order.index(selected), animate=False)
        elif order:
            self.move_cursor(row=min(row_index, len(order) - 1), animate=False)

    def _render(self, key: str, value: str) -> Text:
        if key == "text":
            return Text(value, no_wrap=True, overflow="ellipsis")
        if key == "mark":
            return Text(value, style="bold")
        return Text(value)
