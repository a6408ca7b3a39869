"""Which keys the footer shows: the ones that act on the focused list, in its words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from textual.binding import Binding
from textual.dom import DOMNode

ListKind = Literal["queue", "pending", "answered", "dismissed"]

FOOTER_KEYS: dict[ListKind, tuple[str, ...]] = {
    "queue": (
        "stage.put",
        "queue.answered",
        "stage.clear",
        "queue.dismiss",
        "timer.toggle",
        "timer.add",
        "notes.add",
        "lists.next",
        "app.help",
    ),
    "pending": (
        "queue.approve",
        "stage.put",
        "queue.edit",
        "queue.dismiss",
        "lists.next",
        "app.help",
    ),
    "answered": ("queue.restore", "stage.put", "queue.dismiss", "lists.next", "app.help"),
    "dismissed": ("queue.restore", "queue.edit", "lists.next", "app.help"),
}
"""Binding ids the footer shows for each focused list, in the order they matter."""

ON_A_QUESTION = ("stage.put", "queue.answered", "queue.dismiss", "queue.restore", "queue.edit")
"""Keys that act on the selected question: not shown while the list is empty."""

BEFORE_PANEL_DROPS = ("stage.put", "queue.answered", "stage.clear", "timer.toggle", "timer.add")
"""Keys that wait for the panel: left out while the session is open for questions."""

NARROW_DROPS = ("timer.add", "notes.add", "queue.edit")
"""Left out of the footer below 100 columns, so that the rest fits (`?` lists them all)."""


@dataclass(frozen=True, slots=True)
class FooterState:
    """What decides the footer: the focused list and the few facts that change its keys."""

    kind: ListKind
    narrow: bool = False
    on_stage: bool = False
    """Something is on stage: `c` clears it."""
    panelists: bool = True
    """There are panelists; with none, `p` comes first."""
    timer: str = "idle"
    """The timer's state: `space` says pause, resume or start."""
    pending: bool = False
    """Questions wait for approval: `a` shows from the queue too."""
    empty: bool = False
    """The focused list has no question: keys that act on one are left out."""
    before_panel: bool = False
    """The session is open for questions: `L` goes live, the stage and timer keys wait."""

    def ids(self) -> tuple[str, ...]:
        ids = list(FOOTER_KEYS[self.kind])
        if not self.on_stage and "stage.clear" in ids:
            ids.remove("stage.clear")
        if self.pending and "queue.approve" not in ids:
            ids.insert(ids.index("lists.next"), "queue.approve")
        if self.empty:
            ids = [i for i in ids if i not in ON_A_QUESTION]
        if self.narrow:
            ids = [i for i in ids if i not in NARROW_DROPS]
        if not self.panelists:
            ids.insert(0, "panel.add")
        if self.before_panel:
            ids = ["session.go_live", *(i for i in ids if i not in BEFORE_PANEL_DROPS)]
        return tuple(ids)

    def labels(self) -> dict[str, str]:
        timer = {"running": "pause", "paused": "resume"}.get(self.timer, "start timer")
        restore = "reopen" if self.kind == "answered" else "restore"
        labels = {
            "queue.restore": restore,
            "timer.toggle": timer,
            "lists.next": "next list",
            "stage.put": "on stage",
        }
        if self.narrow:
            labels |= {"lists.next": "lists", "stage.put": "stage", "stage.clear": "clear"}
        return labels


def show_keys(nodes: Iterable[DOMNode], ids: Iterable[str], labels: Mapping[str, str]) -> None:
    """Show exactly the bindings `ids` in the footer, with `labels`; every key still works.

    Textual's footer shows a binding when its `show` is set: the bindings of each node are
    replaced by copies with `show` (and the label) changed, then the footer is refreshed.
    """
    order = {binding_id: index for index, binding_id in enumerate(ids)}
    for node in nodes:
        bindings = node._bindings
        changed = {
            key: [
                replace(
                    binding,
                    show=binding.id in order,
                    description=labels.get(binding.id, binding.description),
                )
                if binding.id
                else binding
                for binding in found
            ]
            for key, found in bindings.key_to_bindings.items()
        }

        def rank(key: str, changed: dict[str, list[Binding]] = changed) -> int:
            return min((order.get(b.id or "", len(order)) for b in changed[key]), default=0)

        # the footer lists keys in the order of this mapping: the order of `ids`
        bindings.key_to_bindings = {key: changed[key] for key in sorted(changed, key=rank)}
        node.refresh_bindings()
