"""The host's notes: each bound to a question (`Q7`) or general, newest last."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from panelhost import protocol as p
from panelhost.client.text import printable


def notes_text(notes: Sequence[p.Note]) -> Text:
    """Every note on its own line: `Q7 › text` or `general › text`."""
    text = Text()
    if not notes:
        text.append("No notes yet: press n to write one.", style="dim")
        return text
    for index, note in enumerate(notes):
        if index:
            text.append("\n")
        where = f"Q{note.question_id}" if note.question_id is not None else "general"
        text.append(f"{where} › ", style="bold")
        text.append(printable(note.text))
    return text


class NotesList(VerticalScroll):
    """The list of notes, scrolled to the newest; repaints only when a note is added."""

    DEFAULT_CSS = """
    NotesList { height: 1fr; }
    NotesList > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, can_focus=False)
        self._count = -1

    def compose(self) -> ComposeResult:
        yield Static(notes_text([]), id="notes-text")

    def show(self, notes: Sequence[p.Note]) -> None:
        if len(notes) == self._count:
            return
        self._count = len(notes)
        self.query_one("#notes-text", Static).update(notes_text(notes))
        self.border_title = f"Notes · {len(notes)}"
        self.scroll_end(animate=False)
