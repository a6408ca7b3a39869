"""The help screen every app opens on F1 or `?`: its keys, scrollable, over the screen."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class KeyHelp(ModalScreen[None]):
    """An intro line and the app's keys; escape, q, F1 or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "close help", id="help.close"),
    ]
    DEFAULT_CSS = """
    KeyHelp { align: center middle; }
    KeyHelp > #help-box {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, keys: RenderableType, *, intro: str = "", title: str = "Help") -> None:
        super().__init__()
        self.keys = keys
        self.intro = intro
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"{self.title_text} · escape closes"
            if self.intro:
                yield Static(Text(self.intro + "\n"), id="help-intro")
            yield Static(self.keys, id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
