"""The keyed table under the host's and the participant's lists, on its own in a small App.

Rows keyed by id, changed cells only, one sort to re-rank, the cursor on the same row (or
on the one that took its place), and the fast path when many rows leave at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable

from panelhost.tui.widgets.keyed_table import KeyCell, KeyedTable

from ..pilotkit import screen_text, until

Rows = tuple[list[int], Callable[[int], tuple[str, str]]]


class Table(KeyedTable[str]):
    KEY_COLUMN = "text"

    def on_mount(self) -> None:
        self.add_column("text", key="text", width=30)
        self.add_column("votes", key="votes", width=6)


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Table(cursor_type="row")


def rows(ids: list[int], votes: dict[int, int] | None = None) -> Rows:
    """Rows whose text starts with another row's id: nothing may read the id off the text."""
    counts = votes or {}
    return ids, lambda i: (f"Q{i + 1} asks about Q{i}", f"▲{counts.get(i, 0)}")


async def table_of(pilot: Pilot[Any], app: TableApp) -> Table:
    table = app.query_one(Table)
    await until(pilot, lambda: len(table.columns) == 2, what="the columns")
    return table


def shown_ids(table: Table) -> list[int]:
    """The ids in the order the table holds its rows, read from the rows themselves."""
    return [int(table.coordinate_to_cell_key((r, 0)).row_key.value or 0) for r in
            range(table.row_count)]  # fmt: skip


async def test_a_re_rank_keeps_the_cursor_on_the_same_row() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await table_of(pilot, app)
        assert table.set_rows(*rows([1, 2, 3, 4, 5]))
        table.select(2)
        await pilot.pause()
        assert table.set_rows(*rows([5, 4, 3, 2, 1], {5: 9, 4: 8}))
        await pilot.pause()
        assert table.order == shown_ids(table) == [5, 4, 3, 2, 1]
        assert table.selected_id == 2 and table.cursor_row == 3
        texts = [table.get_row_at(r)[0].plain for r in range(5)]
        assert texts == [f"Q{i + 1} asks about Q{i}" for i in (5, 4, 3, 2, 1)]


async def test_a_removed_selected_row_hands_the_cursor_to_the_row_in_its_place() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await table_of(pilot, app)
        table.set_rows(*rows([1, 2, 3, 4, 5]))
        table.select(3)
        await pilot.pause()
        table.set_rows(*rows([1, 2, 5, 4]))  # 3 left, 5 moved up into its row
        await pilot.pause()
        assert table.selected_id == 5 and table.cursor_row == 2
        table.select(4)
        table.set_rows(*rows([1, 2, 5]))  # the last row left: the one above takes the cursor
        await pilot.pause()
        assert table.selected_id == 5
        table.set_rows([], rows([])[1])
        assert table.selected_id is None and table.order == []


async def test_cells_are_updated_in_place_and_only_those_that_changed() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await table_of(pilot, app)
        table.set_rows(*rows([1, 2]))
        await pilot.pause()
        text_before = table.get_cell("1", "text")
        changes = table.changes
        assert not table.set_rows(*rows([1, 2]))  # nothing changed: nothing done
        assert table.changes == changes
        assert table.set_rows(*rows([1, 2], {1: 42}))
        await until(pilot, lambda: "▲42" in screen_text(app), what="the new count")
        assert table.changes == changes + 1
        assert table.get_cell("1", "votes").plain == "▲42"
        assert table.get_cell("1", "text") is text_before  # not rebuilt
        assert table.get_cell("2", "votes").plain == "▲0"
        table.set_rows(
            [1, 2], {1: ("Q1 reworded", "▲42"), 2: ("Q3 asks about Q2", "▲0")}.__getitem__
        )
        cell = table.get_cell("1", "text")
        assert isinstance(cell, KeyCell) and cell.row_id == 1 and cell.plain == "Q1 reworded"


async def test_two_thousand_rows_re_rank_and_many_leave_at_once() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 30)) as pilot:
        table = await table_of(pilot, app)
        ids = list(range(1, 2001))
        table.set_rows(*rows(ids))
        table.select(1500)
        await pilot.pause()
        reversed_ids = ids[::-1]
        table.set_rows(*rows(reversed_ids, {i: i for i in ids}))
        assert shown_ids(table) == reversed_ids and table.selected_id == 1500
        removed: list[object] = []
        table.remove_row = removed.append
        # 1,500 leave (the selected row stays), the rest re-rank: one clear, no row by row
        staying = [i for i in ids if i % 4 == 0]
        wanted = sorted(staying, key=lambda i: (i % 7, i))
        table.set_rows(*rows(wanted, {i: i for i in ids}))
        assert removed == []
        assert table.order == shown_ids(table) == wanted
        assert table.selected_id == 1500
        assert [table.get_row_at(r)[1].plain for r in range(3)] == [f"▲{i}" for i in wanted[:3]]
        # a few leave: row by row, and the cursor still follows its row
        del table.remove_row
        table.set_rows(*rows([i for i in wanted if i not in (wanted[0], wanted[1])]))
        assert table.selected_id == 1500
        assert shown_ids(table) == table.order == wanted[2:]


async def test_clearing_the_table_keeps_the_cursor_for_the_rows_that_come_back() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await table_of(pilot, app)
        table.set_rows(*rows([1, 2, 3, 4]))
        table.select(3)
        await pilot.pause()
        table.clear()  # as a list does for new widths or columns
        assert table.order == []
        table.set_rows(*rows([4, 3, 2, 1]))
        await pilot.pause()
        assert table.selected_id == 3


async def test_textual_sorts_the_cells_it_was_given() -> None:
    """What the re-rank stands on: a `DataTable` keeps the cell objects it is handed and its
    `sort` passes them to the key function (this fails if Textual starts converting them)."""
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await table_of(pilot, app)
        source = Text("Q2 asks", style="bold")
        source.stylize("italic", 0, 2)
        cell = KeyCell(7, source)
        assert (cell.plain, cell.style, cell.spans) == (source.plain, source.style, source.spans)
        assert cell.spans is not source.spans
        plain: DataTable[Text] = table
        DataTable.add_row(plain, cell, Text("▲0"), key="7")
        DataTable.add_row(plain, KeyCell(3, Text("Q9")), Text("▲0"), key="3")
        seen: list[object] = []

        def rank_of(key_cell: KeyCell) -> int:
            seen.append(key_cell)
            return key_cell.row_id

        plain.sort("text", key=rank_of)
        assert any(c is cell for c in seen)
        assert [plain.get_row_at(r)[0].plain for r in range(2)] == ["Q9", "Q2 asks"]
