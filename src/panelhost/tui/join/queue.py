"""The participant's question list: ranked queue first, then my pending and dismissed ones.

Single keys act here (vote, withdraw, read, help); the ask box takes every key as text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from panelhost.client.mirror import Mirror
from panelhost.tui.join.rows import Row, Widths, cells_of, rows_of, votes_digits, widths_for

COLUMNS = ("id", "votes", "marks", "text", "who")
SCROLLBAR = 1
"""Columns kept for the vertical scrollbar (join.tcss makes it one wide), so that the
rows never need a horizontal one."""


class QuestionTable(DataTable[Text]):
    """Rows keyed by question id; updated cell by cell, rebuilt only when widths change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "app.toggle_vote", "vote", id="join.vote"),
        Binding("w", "app.withdraw", "withdraw", id="join.withdraw"),
        Binding("enter", "app.read", "read whole", id="join.read"),
        Binding("a", "app.toggle_anonymous", "anonymous", show=False, id="join.anonymous_key"),
        Binding("t", "app.next_panelist", "to a panelist", show=False, id="join.to_key"),
        Binding("f", "app.follow_up", "follow up", show=False, id="join.follow_up"),
        Binding("F", "app.unfollow", "withdraw follow-up", show=False, id="join.unfollow"),
        Binding("question_mark", "app.help", "help", key_display="?", id="join.help_key"),
        Binding(
            "tab,escape,i,slash", "app.focus_ask", "ask box", key_display="tab", id="join.to_ask"
        ),
        Binding("j", "cursor_down", "next", show=False, id="join.down"),
        # DataTable's own home/end scroll sideways: here they go to the first and last row
        Binding("home", "scroll_top", "first", show=False, id="join.first"),
        Binding("end", "scroll_bottom", "last", show=False, id="join.last"),
        Binding("k", "cursor_up", "previous", show=False, id="join.up"),
    ]

    def __init__(self) -> None:
        super().__init__(id="queue", cursor_type="row", zebra_stripes=False, show_header=False)
        self._order: list[int] = []
        self._cells: dict[int, Row] = {}
        self._owners: dict[int, int] = {}
        """id() of each row's id cell -> its question id (the cells live in the table)."""
        self._id_cells: dict[int, int] = {}
        self._widths: Widths | None = None

    @property
    def selected_id(self) -> int | None:
        """The question under the cursor."""
        if not self._order or not 0 <= self.cursor_row < len(self._order):
            return None
        return self._order[self.cursor_row]

    def show(self, mirror: Mirror, withdrawn: Collection[int], total_width: int) -> None:
        """Bring the rows in step with the mirror, keeping the cursor on the same question.

        Rows are added, removed and updated by key, and re-ranked with one sort: a burst
        of votes costs a few cell updates, not a rebuilt table of 2,000 rows. Columns are
        as wide as their widest cell (a count of 99,999 shows whole), the text takes the rest.
        """
        questions = rows_of(mirror)
        digits = votes_digits(questions)
        order = [q.id for q in questions]
        cells = {q.id: cells_of(mirror, q, digits, withdrawn) for q in questions}
        widths = widths_for(list(cells.values()), total_width - SCROLLBAR, self.cell_padding)
        selected, row_index = self.selected_id, self.cursor_row
        if widths != self._widths:
            self._rebuild(widths)
        for gone in self._cells.keys() - cells.keys():
            self.remove_row(str(gone))
            self._owners.pop(self._id_cells.pop(gone), None)
        for question_id, row in cells.items():
            old = self._cells.get(question_id)
            if old is None:
                rendered = [self._cell_text(k, v) for k, v in zip(COLUMNS, row, strict=True)]
                self.add_row(*rendered, key=str(question_id))
                self._own(question_id, rendered[0])
            elif old != row:
                for index, key in enumerate(COLUMNS):
                    if old[index] != row[index]:
                        self.update_cell(str(question_id), key, self._cell_text(key, row[index]))
        self._cells = cells
        if order != self._order:
            rank = {question_id: index for index, question_id in enumerate(order)}
            owners = self._owners
            self.sort("id", key=lambda id_cell: rank[owners[id(id_cell)]])
            self._order = order
            if selected in rank:
                self.move_cursor(row=rank[selected], animate=False)
            elif order:
                self.move_cursor(row=min(row_index, len(order) - 1), animate=False)

    def _rebuild(self, widths: Widths) -> None:
        self._widths = widths
        self.clear(columns=True)
        for key in COLUMNS:
            self.add_column(Text(key), width=getattr(widths, key), key=key)
        self._order, self._cells, self._owners, self._id_cells = [], {}, {}, {}

    def _own(self, question_id: int, id_cell: Text) -> None:
        """Remember whose row an id cell is: the sort key reaches rows only through cells."""
        self._id_cells[question_id] = id(id_cell)
        self._owners[id(id_cell)] = question_id

    def _cell_text(self, key: str, value: str) -> Text:
        """One cell as plain Text (never markup); not `_render`, which Textual's Widget owns."""
        if key in ("text", "who"):
            return Text(value, no_wrap=True, overflow="ellipsis")
        if key == "marks":
            return Text(value, style="bold")
        if key == "id":
            return Text(value, style="dim")
        return Text(value)
