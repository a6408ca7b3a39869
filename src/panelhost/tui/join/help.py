"""The participant app's help: what the marks mean, and every key with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

INTRO = (
    "Questions are ranked by votes. Vote for the ones you want answered; ask your own "
    "in the box at the bottom. Marks: 'voted' = you voted for it, 'mine' = you asked it."
)


def keys_table(keys: list[tuple[str, str]]) -> Table:
    """Each key beside what it does."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in keys:
        table.add_row(Text(key), Text(description))
    return table
