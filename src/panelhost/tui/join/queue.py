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
        self._owners: dict[int, int] = {}
        """id() of each row's votes cell -> its question id (the cells live in the table)."""
        self._votes_cells: dict[int, int] = {}
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
        self._order, self._cells, self._owners, self._votes_cells = [], {}, {}, {}
        return True

    def show(self, mirror: Mirror) -> None:
        """Bring the rows in step with the mirror, keeping the cursor on the same question.

        Rows are added, removed and updated by key, and re-ranked with one sort: a burst
        of votes costs a few cell updates, not a rebuilt table of 2,000 rows.
        """
        questions = rows_of(mirror)
        order = [q.id for q in questions]
        cells = {q.id: cells_of(mirror, q) for q in questions}
        selected, row_index = self.selected_id, self.cursor_row
        for gone in self._cells.keys() - cells.keys():
            self.remove_row(str(gone))
            self._owners.pop(self._votes_cells.pop(gone), None)
        for question_id, row in cells.items():
            old = self._cells.get(question_id)
            if old is None:
                rendered = [
                    self._cell_text(key, value) for key, value in zip(COLUMNS, row, strict=True)
                ]
                self.add_row(*rendered, key=str(question_id))
                self._own(question_id, rendered[0])
            elif old != row:
                for index, key in enumerate(COLUMNS):
                    if old[index] != row[index]:
                        rendered_cell = self._cell_text(key, row[index])
                        self.update_cell(str(question_id), key, rendered_cell)
                        if index == 0:
                            self._own(question_id, rendered_cell)
        self._cells = cells
        if order != self._order:
            rank = {question_id: index for index, question_id in enumerate(order)}
            owners = self._owners
            self.sort("votes", key=lambda votes_cell: rank[owners[id(votes_cell)]])
            self._order = order
            if selected in rank:
                self.move_cursor(row=rank[selected], animate=False)
            elif order:
                self.move_cursor(row=min(row_index, len(order) - 1), animate=False)

    def _own(self, question_id: int, votes_cell: Text) -> None:
        """Remember whose row a votes cell is: the sort key reaches rows only through cells."""
        old = self._votes_cells.get(question_id)
        if old is not None:
            self._owners.pop(old, None)
        self._votes_cells[question_id] = id(votes_cell)
        self._owners[id(votes_cell)] = question_id

    def _cell_text(self, key: str, value: str) -> Text:
        """One cell as plain Text (never markup); not `_render`, which Textual's Widget owns."""
        if key == "text":
            return Text(value, no_wrap=True, overflow="ellipsis")
        if key == "mark":
            return Text(value, style="bold")
        return Text(value)
