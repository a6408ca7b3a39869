"""The help screen (F1 or ?): every key of the participant app and what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Questions are ranked by votes. Vote for the ones you want answered; ask your own "
    "in the box at the bottom. Marks: 'voted' = you voted for it, 'mine' = you asked it."
)


class HelpScreen(ModalScreen[None]):
    """Lists the keys, with what each does; any of escape, q, F1 or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "close help", id="join.help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-height: 20; border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))
        with VerticalScroll() as scroll:
            scroll.border_title = "Help · escape closes"
            yield Static(Text(INTRO), id="help-intro")
            yield Static(table, id="help-keys")
