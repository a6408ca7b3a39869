"""The help screen (F1 or ?): every key of the host screen, as remapped by the config file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from panelhost.tui.keys import KeyAction, keys_for


def help_text(
    actions: Sequence[KeyAction],
    keymap: Mapping[str, str],
    other_keys: Sequence[tuple[str, str]],
    config_hint: str,
) -> Group:
    """Keys grouped by namespace (`queue`, `timer`, ...) with their ids, then how to remap."""
    table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1))
    table.add_column("keys", no_wrap=True, style="bold", width=12)
    table.add_column("what it does", ratio=1)
    table.add_column(Text("id, for [keymap]"), no_wrap=True, style="dim")
    section = ""
    for action in actions:
        namespace = action.title.split(":")[0]
        if namespace != section:
            section = namespace
            table.add_row(Text(namespace, style="bold underline"), "", "")
        table.add_row(keys_for(action, keymap), Text(action.help), action.id)
    table.add_row(Text("other", style="bold underline"), "", "")
    for keys, what in other_keys:
        table.add_row(keys, Text(what), "")
    footer = Text(f"\nRemap any key in {config_hint}, for example:\n", style="dim")
    footer.append('  [keymap]\n  "queue.dismiss" = "x"\n  "timer.add" = "plus,right"\n')
    footer.append("\nescape, q, ? or F1 closes this screen.")
    return Group(table, footer)
