"""Key bindings with ids and namespaced titles, and the user's keymap from the config file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One action of a screen: its binding id, default keys, footer label and palette title."""

    id: str
    """Binding id, the name used in the config file's `[keymap]` table: `queue.dismiss`."""
    keys: str
    """Default keys, comma-separated in Textual's names: `question_mark,f1`."""
    action: str
    """The action method it runs (`dismiss_question` runs `action_dismiss_question`)."""
    label: str
    """Short label for the footer: `dismiss`."""
    title: str
    """Namespaced title for the command palette and help: `queue: dismiss`."""
    help: str
    """One sentence for the help screen and the palette."""
    footer: bool = False
    """Shown in the footer (only the few keys that matter)."""
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.help,
        )


def bindings(actions: Iterable[KeyAction]) -> list[BindingType]:
    """Textual bindings for a table of actions."""
    return [action.binding() for action in actions]


class KeymapError(Exception):
    """The config file's `[keymap]` table is malformed; one line saying what to fix."""


def keymap_from_config(config: Mapping[str, Any], known: Iterable[KeyAction]) -> dict[str, str]:
    """The `[keymap]` table of the config file, checked: `{"queue.dismiss": "x"}`.

    Raises KeymapError for a value that is not a string or an unknown binding id, so a typo
    is reported instead of silently ignored.
    """
    table = config.get("keymap", {})
    if not isinstance(table, Mapping):
        raise KeymapError('[keymap] must be a table of binding id = "keys"')
    ids = {action.id for action in known}
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if binding_id not in ids:
            raise KeymapError(
                f"[keymap] has an unknown binding id {binding_id!r} (see the help screen, F1)"
            )
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f'[keymap] {binding_id} must be a string of keys, like "x"')
        keymap[binding_id] = keys.replace(" ", "")
    return keymap


def keys_for(action: KeyAction, keymap: Mapping[str, str]) -> str:
    """The keys an action is bound to after the keymap, for display: `? f1`."""
    keys = keymap.get(action.id, action.keys)
    return " ".join(display_key(key) for key in keys.split(","))


_DISPLAY = {
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "space": "space",
    "enter": "enter",
    "tab": "tab",
    "shift+tab": "shift+tab",
}


def display_key(key: str) -> str:
    """`ctrl+p` -> `^p`, `question_mark` -> `?`."""
    key = key.strip()
    if key in _DISPLAY:
        return _DISPLAY[key]
    if key.startswith("ctrl+"):
        return "^" + key.removeprefix("ctrl+")
    return key
