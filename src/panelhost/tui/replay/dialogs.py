"""The replay's dialogs: go to a question, and the help screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from panelhost.tui.keys import display_key
from panelhost.tui.replay.bindings import REPLAY_ACTIONS

INTRO = (
    "The session plays back as it happened: the queue as it stood, who was on stage and "
    "their timer, the notes so far. Dots on the timeline are questions going on stage; "
    "click the timeline to jump there. ctrl+p finds any action by name."
)


def parse_question_number(text: str) -> int | None:
    """`7`, `Q7` or `q 7` -> 7; anything else None."""
    cleaned = text.strip().lower().removeprefix("q").strip()
    return int(cleaned) if cleaned.isdigit() and int(cleaned) > 0 else None


class GoToQuestion(ModalScreen[int | None]):
    """Asks for a question number; dismisses with it, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="replay.goto.cancel"),
    ]
    DEFAULT_CSS = """
    GoToQuestion { align: center middle; }
    GoToQuestion > Vertical {
        width: 50; height: auto; border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Go to question · escape cancels"
            yield Input(placeholder="question number, e.g. 7", id="goto-input")
            yield Static(Text(""), id="goto-error")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        number = parse_question_number(event.value)
        if number is None:
            self.query_one("#goto-error", Static).update(
                Text("Type a question number, like 7 or Q7.")
            )
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)


def replay_keys() -> Text:
    """Every key of the replay beside what it does."""
    text = Text()
    for action in REPLAY_ACTIONS:
        keys = " ".join(display_key(k) for k in action.keys.split(","))
        keys = keys.replace("right_square_bracket", "]").replace("left_square_bracket", "[")
        text.append(f"{keys:<22}", style="bold")
        text.append(f"{action.help}\n")
    return text
