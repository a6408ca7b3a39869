"""The next questions by votes: one line each, as many as the box holds."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.core.early import ASKED_EARLY_MARK


def vote_badge(votes: int, width: int) -> str:
    """`"▲ 9"`: the count always beside the symbol, right-aligned to `width` digits."""
    return f"▲{votes:>{width}}"


class UpNext(Widget):
    """Open questions in queue order (most votes first); shows as many as fit, then "+N more"."""

    DEFAULT_CSS = """
    UpNext {
        height: 1fr;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.questions: list[p.Question] = []
        self.shown = 0
        """How many questions fitted at the last render."""

    def show(self, questions: list[p.Question]) -> None:
        """Show these questions (already in queue order)."""
        if [(q.id, q.votes, q.text) for q in questions] != [
            (q.id, q.votes, q.text) for q in self.questions
        ]:
            self.questions = list(questions)
            self.refresh()

    def render(self) -> RenderableType:
        width, height = self.content_size
        questions = self.questions
        if not questions:
            self.shown = 0
            return Text(
                "No questions waiting. Ask one from your phone or terminal.", style="italic"
            )
        room = height if len(questions) <= height else max(0, height - 1)
        shown = questions[:room]
        self.shown = len(shown)
        digits = max(len(str(q.votes)) for q in shown) if shown else 1
        lines = []
        for question in shown:
            line = Text()
            line.append(vote_badge(question.votes, digits), style="bold")
            line.append("  ")
            if question.asked_early:  # before the text, so a long question cannot cut it
                line.append(f"{ASKED_EARLY_MARK}: ", style="italic")
            line.append(printable(question.text))
            line.truncate(width, overflow="ellipsis")
            lines.append(line)
        hidden = len(questions) - len(shown)
        if hidden and height > 0:
            lines.append(Text(f"+{hidden} more", style="italic"))
        return Text("\n").join(lines)
