"""The ask box: the question, how long it is, and who it is from and for.

The box takes every printable key (letters, spaces, `?`): the toggles are labels changed
by ctrl keys that Textual's Input leaves alone (`ctrl+n`, `ctrl+t`), by a click, or by
single keys in the question list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from panelhost.client.mirror import Mirror
from panelhost.client.text import printable

ANONYMOUS_OFF, ANONYMOUS_ON = "anonymous: off", "anonymous: ON"
"""The toggle says its state in words, not only by its colour."""
TO_MAX = 18
"""The addressee label's widest form ("to: Dr. Rivera"): a long name is cut, with "…"."""


class AskInput(Input):
    """The question box; enter sends and tab goes to the list (both shown in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # a return typed while the command was still joining arrives as ctrl+j (the
        # terminal was not in raw mode yet): it sends too
        Binding("enter,ctrl+j", "submit", "ask", key_display="⏎", id="join.ask"),
        Binding("tab", "app.focus_list", "questions", id="join.to_list"),
        Binding("ctrl+n", "app.toggle_anonymous", "anonymous", id="join.anonymous"),
        Binding("ctrl+t", "app.next_panelist", "to a panelist", id="join.to_panelist"),
        Binding("f1", "app.help", "help", id="join.help"),
    ]

    async def _on_key(self, event: events.Key) -> None:
        # enter sends here, in turn with the letters: as a binding it ran once the key had
        # bubbled to the app, after the next line typed at once ("How?⏎Why?⏎" asked
        # "How?Why?" twice)
        if event.key in ("enter", "ctrl+j"):
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        """Take the question out of the box now (not when the message is handled, when the
        box may hold the next one) and send it on."""
        text = self.value
        self.clear()
        self.post_message(self.Submitted(self, text))


class Toggle(Static):
    """A label that says a setting in words; a click asks the app to change it."""

    def __init__(self, text: str, *, action: str, id: str) -> None:
        super().__init__(Text(text), id=id)
        self.action = action
        """The app action a click runs (the same as its key)."""

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.app.run_action(self.action)


class AskBar(Horizontal):
    """Type a question and press enter; the hub's answer says whether it went in."""

    DEFAULT_CSS = """
    AskBar { height: 1; }
    AskBar > #ask-label { width: auto; text-style: bold; }
    AskBar > Input { width: 1fr; }
    AskBar > #ask-count { width: auto; min-width: 8; padding: 0 1; color: $text-muted; }
    AskBar > #ask-count.-over { color: $error; text-style: bold; }
    AskBar > Toggle { width: auto; padding: 0 1 0 0; }
    AskBar > Toggle.-on { text-style: bold reverse; }
    AskBar > Toggle.-disabled { color: $text-disabled; }
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
        self.anonymous = False
        self.panelist_id: int | None = None
        self.anonymous_allowed = True
        self.max_chars = 300

    def compose(self) -> ComposeResult:
        yield Label("Ask: ", id="ask-label")
        yield AskInput(
            placeholder="type a question, then press enter",
            id="ask-input",
            compact=True,
            select_on_focus=False,
        )
        yield Static(id="ask-count")
        yield Toggle(ANONYMOUS_OFF, action="app.toggle_anonymous", id="ask-anonymous")
        yield Toggle("to: anyone", action="app.next_panelist", id="ask-panelist")

    def on_mount(self) -> None:
        self._show_count("")

    @property
    def addressee(self) -> str:
        """Who the next question is for, in words: "anyone" or the panelist's name."""
        return dict(self._panel).get(self.panelist_id, "anyone") if self.panelist_id else "anyone"

    def toggle_anonymous(self) -> bool:
        """Turn anonymous asking on or off; returns the new state."""
        self.anonymous = self.anonymous_allowed and not self.anonymous
        self._show_toggles()
        return self.anonymous

    def next_panelist(self) -> str:
        """Cycle who the next question is for (anyone, then each panelist); returns who."""
        ids: list[int | None] = [None, *(pid for pid, _ in self._panel)]
        at = ids.index(self.panelist_id) if self.panelist_id in ids else 0
        self.panelist_id = ids[(at + 1) % len(ids)]
        self._show_toggles()
        return self.addressee

    def show(self, mirror: Mirror) -> None:
        """Keep the panelists, the anonymous option and the length limit in step."""
        self._panel = tuple((x.id, printable(x.name)) for x in mirror.panelists.values())
        if self.panelist_id not in dict(self._panel):
            self.panelist_id = None  # that panelist left the panel
        self.anonymous_allowed = mirror.settings.anonymous_allowed
        self.anonymous = self.anonymous and self.anonymous_allowed
        self.max_chars = mirror.settings.max_question_chars
        self._show_toggles()
        self._show_count(self.query_one(AskInput).value)

    def _show_toggles(self) -> None:
        anonymous = self.query_one("#ask-anonymous", Toggle)
        anonymous.update(Text(ANONYMOUS_ON if self.anonymous else ANONYMOUS_OFF))
        anonymous.set_class(self.anonymous, "-on")
        anonymous.set_class(not self.anonymous_allowed, "-disabled")
        who = f"to: {self.addressee}"
        if len(who) > TO_MAX:
            who = who[: TO_MAX - 1] + "…"
        panelist = self.query_one("#ask-panelist", Toggle)
        panelist.update(Text(who))
        panelist.set_class(self.panelist_id is not None, "-on")

    def _show_count(self, value: str) -> None:
        count = self.query_one("#ask-count", Static)
        count.update(Text(f"{len(value)}/{self.max_chars}"))
        count.set_class(len(value) > self.max_chars, "-over")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_count(event.value)

    def restore(self, text: str) -> None:
        """Put text back in an empty box (the hub refused it; let the user fix it)."""
        field = self.query_one(AskInput)
        if not field.value:
            field.value = text
            field.cursor_position = len(text)  # where backspace shortens it, as typed

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        self.post_message(self.Asked(text, self.anonymous, self.panelist_id))
