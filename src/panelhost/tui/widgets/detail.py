"""The selected question, whole: its text wrapped, votes, author, addressee, age and status.

Rows of a question list are one line each and cut long texts; this pane under the list is
where the host reads the question before putting it on stage.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.core.early import ASKED_EARLY_WORDS
from panelhost.tui.widgets.queue import RowContext, age_words

STATUS_WORDS = {
    "open": "open",
    "answering": "on stage now",
    "answered": "answered",
    "pending": "awaiting approval",
    "dismissed": "dismissed",
}
"""A question's status in words, as the detail pane says it."""


def asked_words(age_ms: int) -> str:
    """`asked just now`, `asked 5m ago`."""
    age = age_words(age_ms)
    return "asked just now" if age == "now" else f"asked {age} ago"


def detail_text(question: p.Question, context: RowContext, stage_shows_it: bool = False) -> Text:
    """`open · ▲136 votes · Ana · to Dr. Chen · asked 5m ago`, then the whole text.

    `stage_shows_it`: the question is on stage and the stage shows it whole, so the text is
    not repeated here (a short terminal keeps those rows for the queue).
    """
    text = Text()
    status = STATUS_WORDS.get(question.status, question.status)
    text.append(status, style="bold reverse" if question.status == "answering" else "bold")
    text.append(" · ")
    votes = question.votes
    text.append(f"▲{votes} vote" + ("" if votes == 1 else "s"), style="bold")
    text.append(" · ")
    if question.author is None:
        text.append("anonymous", style="italic")
    else:
        text.append(printable(question.author), style="bold")
    panelist = context.panelists.get(question.panelist_id or -1)
    text.append(" · to ")
    if panelist is None:
        text.append("the panel")
    else:
        text.append(printable(panelist.name), style="bold italic")
    asked = context.asked_ms.get(question.id, context.now_wall_ms)
    text.append(f" · {asked_words(context.now_wall_ms - asked)}")
    if question.asked_early:
        text.append(f" · {ASKED_EARLY_WORDS}", style="italic")
    text.append("\n")
    if stage_shows_it:
        text.append("Its whole text is in On stage.", style="dim")
    else:
        text.append(printable(question.text))
    return text


class QuestionDetail(Static):
    """The selected question whole; `show(question, context)` repaints only what changed."""

    DEFAULT_CSS = """
    QuestionDetail { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self._painted: tuple[str, Text] | None = None

    def show(
        self,
        question: p.Question | None,
        context: RowContext,
        stage_shows_it: bool = False,
        empty: str = "No question selected: up/down (j/k) pick one.",
    ) -> None:
        """`empty`: what to say when no question is selected."""
        if question is None:
            title = "Selected"
            text = Text(empty, style="dim")
        else:
            title = f"Q{question.id} · selected"
            text = detail_text(question, context, stage_shows_it)
        if self._painted == (title, text):
            return
        self._painted = (title, text)
        self.border_title = title
        self.update(text)
