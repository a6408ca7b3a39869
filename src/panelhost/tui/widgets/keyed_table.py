"""A table of rows keyed by question id, brought to a wanted order in place.

The host's lists (`widgets/queue.py`, also the replay's) and the participant's
(`tui/join/queue.py`) stand on it: they say what their columns are and how a question
becomes cells; this owns the rows, the changed cells, the re-rank and the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Self, TypeVar

from rich.text import Text
from textual.widgets import DataTable

Value = TypeVar("Value")
"""What a row's cell is made from: a `Text` (the host) or a plain string (the participant)."""

BULK_LEAVING_FROM = 8
"""More rows than this leaving at once (and more than half) clear the table instead."""


class KeyCell(Text):
    """A cell that carries its row's id: `DataTable.sort` hands its key function cells only.

    Every cell of the table's key column is one, so the re-rank reads the id off the cell
    itself instead of parsing it back out of the rendered text.
    """

    __slots__ = ("row_id",)

    def __init__(self, row_id: int, text: Text) -> None:
        super().__init__(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        self.spans = text.spans  # the setter copies the list
        self.row_id = row_id


class KeyedTable(DataTable[Text], Generic[Value]):
    """Rows keyed by id: `set_rows` adds, removes, updates changed cells, re-ranks in one
    sort, and keeps the cursor on the same id (or on the row that took its place).

    A subclass names its `KEY_COLUMN` (one of its columns, never removed) and may turn
    values into cells by overriding `cell`.
    """

    KEY_COLUMN: ClassVar[str]

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._values: dict[int, tuple[Value, ...]] = {}
        self._order: list[int] = []
        self._kept: tuple[int | None, int] | None = None
        self.changes = 0
        """How many times `set_rows` changed the table (the host screen counts its own
        repaints in `HostStats`, which the benchmarks read)."""

    # -- what a subclass may override -----------------------------------------------------

    def cell(self, column: str, value: Value) -> Text:
        """The cell shown for `value` in `column`; by default a `Text` as it is."""
        return value if isinstance(value, Text) else Text(str(value))

    # -- reading ------------------------------------------------------------------------

    @property
    def order(self) -> list[int]:
        """Row ids in the order shown."""
        return list(self._order)

    @property
    def selected_id(self) -> int | None:
        """The id of the row under the cursor."""
        row = self.cursor_row
        return self._order[row] if 0 <= row < len(self._order) else None

    def select(self, row_id: int) -> None:
        """Move the cursor to a row, if it is in the table."""
        if row_id in self._values:
            self.move_cursor(row=self._order.index(row_id), animate=False)

    # -- changing -----------------------------------------------------------------------

    def clear(self, columns: bool = False) -> Self:
        """Empty the table (and its columns too if asked); the next `set_rows` puts the
        cursor back on the row it was on (a list rebuilt for new widths keeps its place)."""
        if self._order and self._kept is None:
            self._kept = (self.selected_id, self.cursor_row)
        self._empty(columns)
        return self

    def _empty(self, columns: bool = False) -> None:
        self._values.clear()
        self._order = []
        super().clear(columns)

    def set_rows(self, ids: Sequence[int], values: Callable[[int], Sequence[Value]]) -> bool:
        """Show the rows `ids` in this order, each with `values(id)` (one value per column,
        asked for as the row is reached, so that two lists' worth of cells are never
        alive at once); True if anything changed."""
        selected, cursor = self._kept or (self.selected_id, self.cursor_row)
        self._kept = None
        wanted = list(ids)
        wanted_set = set(wanted)
        leaving = [row_id for row_id in self._order if row_id not in wanted_set]
        if len(leaving) > max(BULK_LEAVING_FROM, len(self._order) // 2):
            # Removing rows one by one costs a pass over every row each (DataTable renumbers
            # them): emptying a 2,000-row queue took over a second. Clearing once is cheap.
            self._empty()
        else:
            for row_id in leaving:
                del self._values[row_id]
                self.remove_row(str(row_id))
        shown = [row_id for row_id in self._order if row_id in wanted_set]
        changed = self._put(wanted, values, shown) or bool(leaving)
        if wanted != shown:
            self._rank(wanted)
            changed = True
        self._order = wanted
        if changed:
            self.changes += 1
            self._keep_cursor(selected, cursor)
        return changed

    def _put(
        self, ids: list[int], values: Callable[[int], Sequence[Value]], shown: list[int]
    ) -> bool:
        """Add new rows at the end of `shown`, update the cells that changed in the others."""
        columns = [str(column.key.value) for column in self.ordered_columns]
        changed = False
        for row_id in ids:
            row = tuple(values(row_id))
            old = self._values.get(row_id)
            if old is None:
                cells = [self._cell(row_id, c, v) for c, v in zip(columns, row, strict=True)]
                self.add_row(*cells, key=str(row_id))
                shown.append(row_id)
                changed = True
            elif old != row:
                for column, before, after in zip(columns, old, row, strict=True):
                    if before != after:
                        self.update_cell(str(row_id), column, self._cell(row_id, column, after))
                changed = True
            self._values[row_id] = row
        return changed

    def _cell(self, row_id: int, column: str, value: Value) -> Text:
        cell = self.cell(column, value)
        return KeyCell(row_id, cell) if column == self.KEY_COLUMN else cell

    def _rank(self, wanted: list[int]) -> None:
        """Put the rows in `wanted`'s order with one sort: the key column's cells say whose
        row they are (Textual's public `sort` gives its key function cell values only)."""
        rank = {row_id: index for index, row_id in enumerate(wanted)}

        def rank_of(cell: KeyCell) -> int:
            return rank[cell.row_id]

        self.sort(self.KEY_COLUMN, key=rank_of)

    def _keep_cursor(self, selected: int | None, cursor: int) -> None:
        """The cursor on `selected` if it stayed, else on the row now where it was."""
        if not self._order:
            return
        if selected is not None and selected in self._values:
            row = self._order.index(selected)
        else:
            row = max(0, min(cursor, len(self._order) - 1))
        if row != self.cursor_row:
            self.move_cursor(row=row, animate=False)
