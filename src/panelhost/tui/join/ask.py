"""The ask box: the question, an anonymous toggle and an optional panelist to ask."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from panelhost.client.mirror import Mirror
from panelhost.client.text import printable

ANONYMOUS_OFF, ANONYMOUS_ON = "anonymous: off", "anonymous: ON"
"""The toggle says its state in words, not only by the box's colour."""


class AskBar(Horizontal):
    """Type a question and press enter; the hub's answer says whether it went in."""

    DEFAULT_CSS = """
    AskBar { height: 1; }
    AskBar > Input { width: 1fr; }
    AskBar > Checkbox { width: auto; }
    AskBar > Select { width: 24; }
    """

    @dataclass
    class Asked(Message):
        """The user pressed enter on a question."""

        text: str
        anonymous: bool
        panelist_id: int | None

    def __init__(self) -> None:
        super().__init__(id="ask-bar")
        self._panel: tuple[tuple[int, str], ...] = ()

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Ask a question, then press enter",
            id="ask-input",
            compact=True,
            select_on_focus=False,
        )
        yield Checkbox(ANONYMOUS_OFF, id="ask-anonymous", compact=True)
        yield Select[int]([], prompt="to: anyone", id="ask-panelist", compact=True)

    @property
    def anonymous(self) -> bool:
        return self.query_one("#ask-anonymous", Checkbox).value

    def toggle_anonymous(self) -> bool:
        box = self.query_one("#ask-anonymous", Checkbox)
        box.value = not box.value
        return box.value

    def next_panelist(self) -> str:
        """Cycle who the next question is for (anyone, then each panelist); returns who."""
        select = self.query_one("#ask-panelist", Select)
        ids: list[int | None] = [None, *(pid for pid, _ in self._panel)]
        current = None if select.value is Select.NULL else select.value
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else None
        if following is None:
            select.clear()
            return "anyone"
        select.value = following
        return dict(self._panel)[following]

    def show(self, mirror: Mirror) -> None:
        """Keep the panelist choices and the anonymous option in step with the session."""
        panel = tuple((x.id, printable(x.name)) for x in mirror.panelists.values())
        if panel != self._panel:
            self._panel = panel
            select = self.query_one("#ask-panelist", Select)
            chosen = select.value
            select.set_options((Text(f"to: {name}"), pid) for pid, name in panel)
            if chosen in dict(panel):
                select.value = chosen
        box = self.query_one("#ask-anonymous", Checkbox)
        box.disabled = not mirror.settings.anonymous_allowed
        if box.disabled:
            box.value = False

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = ANONYMOUS_ON if event.value else ANONYMOUS_OFF

    def restore(self, text: str) -> None:
        """Put text back in an empty box (the hub refused it; let the user fix it)."""
        field = self.query_one("#ask-input", Input)
        if not field.value:
            field.value = text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        select = self.query_one("#ask-panelist", Select)
        panelist_id = None if select.value is Select.NULL else int(select.value)  # type: ignore[arg-type]
        event.input.clear()
        self.post_message(self.Asked(text, self.anonymous, panelist_id))
