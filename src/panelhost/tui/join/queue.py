"""The participant's question list: ranked queue first, then my pending and dismissed ones.

Single keys act here (vote, withdraw, read, help); the ask box takes every key as text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from panelhost.client.mirror import Mirror
from panelhost.tui.join.rows import Widths, cells_of, rows_of, votes_digits, widths_for
from panelhost.tui.widgets.keyed_table import KeyedTable

COLUMNS = ("id", "votes", "marks", "text", "who")
SCROLLBAR = 1
"""Columns kept for the vertical scrollbar (join.tcss makes it one wide), so that the
rows never need a horizontal one."""


class QuestionTable(KeyedTable[str]):
    """Rows keyed by question id (`KeyedTable`); their columns and how a question becomes
    cells. Updated cell by cell, rebuilt only when widths change."""

    KEY_COLUMN = "id"

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
        self._widths: Widths | None = None

    def show(self, mirror: Mirror, withdrawn: Collection[int], total_width: int) -> None:
        """Bring the rows in step with the mirror, keeping the cursor on the same question.

        Rows are added, removed and updated by key, and re-ranked with one sort: a burst
        of votes costs a few cell updates, not a rebuilt table of 2,000 rows. Columns are
        as wide as their widest cell (a count of 99,999 shows whole), the text takes the rest.
        """
        questions = rows_of(mirror)
        digits = votes_digits(questions)
        rows = {q.id: cells_of(mirror, q, digits, withdrawn) for q in questions}
        widths = widths_for(list(rows.values()), total_width - SCROLLBAR, self.cell_padding)
        if widths != self._widths:
            self._widths = widths
            self.clear(columns=True)  # the rows come back below, the cursor where it was
            for key in COLUMNS:
                self.add_column(Text(key), width=getattr(widths, key), key=key)
        self.set_rows(list(rows), rows.__getitem__)

    def cell(self, column: str, value: str) -> Text:
        """One cell as plain Text (never markup)."""
        if column in ("text", "who"):
            return Text(value, no_wrap=True, overflow="ellipsis")
        if column == "marks":
            return Text(value, style="bold")
        if column == "id":
            return Text(value, style="dim")
        return Text(value)
