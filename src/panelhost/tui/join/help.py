"""The participant app's help: what the marks mean, and every key with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

INTRO = (
    "Questions are ranked by votes. Type your question in the ask box at the bottom "
    "(every key you type goes into it) and press enter. Press tab to move to the list, "
    "where single keys act: space votes, w withdraws, enter reads a question whole. "
    "Marks: 'voted' = you voted for it, 'mine' = you asked it."
)

HELP_KEYS: list[tuple[str, str]] = [
    ("In the ask box", ""),
    ("enter", "send the question"),
    ("tab", "go to the list of questions"),
    ("ctrl+n", "ask anonymously (on or off)"),
    ("ctrl+t", "ask a panelist: anyone, then each panelist in turn"),
    ("In the list", ""),
    ("up/down, j/k", "move between questions (the pane below shows the selected one whole)"),
    ("home/end", "the first or the last question"),
    ("space", "vote for the selected question, or take your vote back"),
    ("w", "withdraw your own selected question"),
    ("enter", "read the selected question whole, on its own screen"),
    ("f", "follow up on a panelist's offer, or with a panelist (hosts only see it)"),
    ("F", "withdraw a follow-up (choose which; the latest is filled in)"),
    ("a, t", "anonymous on or off; ask a panelist (as ctrl+n and ctrl+t)"),
    ("tab, escape, i or /", "back to the ask box"),
    ("?", "this help"),
    ("Anywhere", ""),
    ("F1", "this help"),
    ("ctrl+q", "quit (your questions and votes stay)"),
]
"""Every key of the app; rows with no description are headings."""


def keys_table(keys: list[tuple[str, str]]) -> Table:
    """Each key beside what it does, under its headings."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in keys:
        if description:
            table.add_row(Text(key), Text(description))
        else:
            table.add_row(Text(key, style="underline"), Text(""))
    return table
