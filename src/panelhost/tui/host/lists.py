"""The titles of the host's question lists: counts that match the rows they list."""

from __future__ import annotations

from collections.abc import Sequence

from panelhost import protocol as p
from panelhost.tui.host.footer import ListKind

TITLE_ROOM = 6
"""Columns of a list's top border the title cannot use (corners and padding)."""


def queue_title(listed: Sequence[p.Question], pending: int, answered: int, width: int) -> str:
    """`Queue · 6 (1 on stage) · 3 pending · 5 answered`: the first count is the rows shown.

    The other lists' counts are left out when the border is too narrow for them.
    """
    on_stage = sum(q.status == "answering" for q in listed)
    title = f"Queue · {len(listed)}" if listed else "Queue · empty"
    if on_stage:
        title += f" ({on_stage} on stage)"
    full = f"{title} · {pending} pending · {answered} answered"
    return full if width == 0 or len(full) <= width - TITLE_ROOM else title


def lower_title(kind: ListKind, count: int, moderation: bool) -> str:
    """`Pending · 2 · moderation on  (tab: next list)`."""
    names = {
        "pending": f"Pending · {count} · moderation {'on' if moderation else 'off'}",
        "answered": f"Answered · {count}",
        "dismissed": f"Dismissed · {count}",
    }
    return names.get(kind, "") + "  (tab: next list)"
