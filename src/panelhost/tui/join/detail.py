"""The selected question read whole: a pane under the list, and a full screen on `enter`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Static

from panelhost.tui.widgets.keyhelp import KeyHelp

NOTHING_SELECTED = "No questions yet: ask the first one in the box below."


def detail_text(meta: str, text: str) -> Text:
    """The facts line (bold) over the whole question, both wrapped, never markup."""
    shown = Text()
    shown.append(meta, style="bold")
    shown.append("\n")
    shown.append(text)
    return shown


class QuestionDetail(Static):
    """The pane under the list: everything about the selected question, wrapped."""

    DEFAULT_CSS = """
    QuestionDetail { height: auto; max-height: 12; padding: 0 1; }
    """

    _shown: Text | None = None

    def show(self, words: tuple[str, str] | None) -> None:
        text = detail_text(*words) if words is not None else Text(NOTHING_SELECTED)
        if text != self._shown:  # the app asks five times a second: repaint only a change
            self._shown = text
            self.update(text)


class ReadQuestion(KeyHelp):
    """One question over the screen, for a text longer than the pane can hold."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "close", id="read.close"),
    ]

    def __init__(self, words: tuple[str, str]) -> None:
        super().__init__(detail_text(*words), title="Question")
