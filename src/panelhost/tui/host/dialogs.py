"""The host's small dialogs: pick a panelist, type a line of text, confirm, quit, ended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from panelhost import protocol as p
from panelhost.client.text import printable


class Dialog(ModalScreen[object]):
    """A centred box; escape cancels (the result is None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="dialog.cancel")
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Pick:
    """The panelist picked to answer (None: no panelist)."""

    panelist_id: int | None


class PickPanelistDialog(Dialog):
    """`1`-`9` picks a panelist; enter takes the suggested one. Returns a `Pick` or None."""

    def __init__(
        self,
        title: str,
        panelists: Sequence[p.Panelist],
        suggested: int | None,
        *,
        allow_none: bool = True,
        stage: bool = False,
        reason: str = "",
        typed_ahead: str | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.reason = reason
        """Why the suggested panelist is the one enter picks, shown beside them."""
        self.typed_ahead = typed_ahead
        """A digit typed after enter but before the dialog opened: picked once it is up."""
        self.panelists = list(panelists)[:9]
        self.suggested = suggested
        self.allow_none = allow_none
        self.stage = stage
        """Opened to put a question on stage (a second enter typed ahead lands here)."""
        self._enter_typed_ahead = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            lines = Text()
            for number, panelist in enumerate(self.panelists, start=1):
                mark = "  ← enter" if panelist.id == self.suggested else ""
                if mark and self.reason:
                    mark += f": {self.reason}"
                lines.append(f" {number}  ", style="bold")
                lines.append(printable(panelist.name))
                if panelist.title:
                    lines.append(f" · {printable(panelist.title)}", style="dim")
                lines.append(mark + "\n", style="bold")
            if not self.panelists:
                lines.append("There are no panelists yet.\n", style="dim")
            if self.suggested is None and self.allow_none:
                lines.append(" enter  without a panelist\n", style="dim")
            lines.append(" escape cancel", style="dim")
            yield Static(lines, id="pick-list")

    def on_mount(self) -> None:
        if self.typed_ahead is not None:  # `enter 2` typed faster than the dialog opened
            self.call_after_refresh(self.pick_number, self.typed_ahead)
        elif self._enter_typed_ahead:  # `enter enter`: the same, for the suggested one
            self.call_after_refresh(self.on_screen_resume)

    def pick_number(self, character: str) -> bool:
        """`1`-`9`: the panelist with that number, if there is one."""
        index = int(character) - 1 if character.isdigit() and character != "0" else -1
        if 0 <= index < len(self.panelists) and self.is_current:
            self.dismiss(Pick(self.panelists[index].id))
            return True
        return False

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit():
            if self.pick_number(event.character):
                event.stop()
        elif event.key == "enter":
            event.stop()
            self.take_suggested()

    def take_suggested(self) -> None:
        """Enter: the suggested panelist (or none, where that is allowed)."""
        if self.suggested is None and not self.allow_none:
            return
        if self.is_current and self.is_mounted:
            self.dismiss(Pick(self.suggested))
        else:  # an enter typed ahead, while the dialog is still being pushed
            self._enter_typed_ahead = True

    def on_screen_resume(self) -> None:
        if self._enter_typed_ahead:
            self._enter_typed_ahead = False
            self.take_suggested()


class TextDialog(Dialog):
    """One line of text (question edit, note, new panelist); enter saves, escape cancels.

    Returns the text, or a `(text, checked)` tuple when `checkbox` is given.
    """

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        max_length: int = 0,
        hint: str = "",
        checkbox: str | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.placeholder = placeholder
        self.max_length = max_length
        self.hint = hint
        self.checkbox = checkbox

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                max_length=self.max_length,
                id="dialog-input",
            )
            if self.checkbox is not None:
                yield Checkbox(self.checkbox, id="dialog-checkbox")
            yield Static(Text(self.hint or "enter save · escape cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify("Type something first, or press escape to cancel.", severity="warning")
            return
        if self.checkbox is not None:
            self.dismiss((text, self.query_one(Checkbox).value))
        else:
            self.dismiss(text)


class ConfirmDialog(Dialog):
    """A yes/no question: `y` or enter on the yes button confirms. Returns True or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "yes", "yes", id="dialog.yes"),
        Binding("n", "cancel", "no", id="dialog.no"),
    ]

    def __init__(self, question: str, detail: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"), classes="dialog-title")
            yield Static(Text(self.detail))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True if event.button.id == "yes" else None)


class QuitDialog(Dialog):
    """Quitting the host: end the session, leave it running, or cancel.

    Returns "end", "leave" or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "choose('end')", "end", id="quit.end"),
        Binding("l", "choose('leave')", "leave", id="quit.leave"),
    ]

    def __init__(self, leave_detail: str, leave_label: str = "Leave running") -> None:
        super().__init__()
        self.leave_detail = leave_detail
        self.leave_label = leave_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Quit the host screen?", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    "e  end the session for everyone and save the transcript\n"
                    f"l  {self.leave_detail}\n"
                    "escape  stay here"
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("End session (e)", id="end", variant="error")
                yield Button(f"{self.leave_label} (l)", id="leave", variant="primary")
                yield Button("Stay (esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#leave", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("end", "leave") else None)


class EndedDialog(Dialog):
    """The session has ended: where the transcript is. Any of enter, q or escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "close", id="ended.close"),
        Binding("q", "close", "close", id="ended.quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("The session has ended", style="bold"), classes="dialog-title")
            yield Static(Text(self.message), id="ended-message")
            yield Static(Text("enter or q: quit", style="dim"))

    def action_close(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(True)
