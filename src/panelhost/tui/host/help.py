"""The help screen (F1 or ?): every key of the host screen, as remapped by the config file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from panelhost.tui.keys import KeyAction, keys_for


def help_text(
    actions: Sequence[KeyAction],
    keymap: Mapping[str, str],
    other_keys: Sequence[tuple[str, str]],
    config_hint: str,
) -> Text:
    """Keys grouped by namespace (`queue`, `timer`, ...), then the ids to remap them."""
    text = Text()
    section = ""
    for action in actions:
        namespace = action.title.split(":")[0]
        if namespace != section:
            section = namespace
            text.append(f"\n{namespace}\n" if text else f"{namespace}\n", style="bold underline")
        text.append(f"  {keys_for(action, keymap):<14}", style="bold")
        text.append(f"{action.help}")
        text.append(f"  [{action.id}]\n", style="dim")
    text.append("\nother keys\n", style="bold underline")
    for keys, what in other_keys:
        text.append(f"  {keys:<14}", style="bold")
        text.append(f"{what}\n")
    text.append(f"\nRemap any key in {config_hint}, for example:\n", style="dim")
    text.append('  [keymap]\n  "queue.dismiss" = "x"\n  "timer.add" = "plus,right"\n', style="dim")
    text.append("\nescape, q, ? or F1 closes this screen.", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    """All keys, scrollable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "close", id="help.close"),
    ]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog") as box:
            box.border_title = "Keys"
            yield Static(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
