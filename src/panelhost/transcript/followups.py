"""The host's follow-up lists, one per panelist, as Markdown and CSV (never public notes).

Built from the journal, the only place contact details are kept; nothing here reaches a
transcript (its sanitizer drops every follow-up event).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from panelhost.core import events as ev
from panelhost.core.clock import rfc3339
from panelhost.core.fold import fold
from panelhost.core.followup_model import FollowUp
from panelhost.transcript.markdown_text import markdown
from panelhost.transcript.plaintext import csv_cell

CSV_COLUMNS = ("follow_up", "name", "email", "offer", "message", "asked_at")


@dataclass(frozen=True, slots=True)
class PanelistList:
    """One panelist's follow-ups: a file stem (`1-dr-rivera`), Markdown and CSV."""

    stem: str
    markdown: str
    csv: str
    count: int


def _stem(panelist_id: int, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return f"{panelist_id}-{slug or 'panelist'}"


def follow_up_lists(events: Sequence[ev.Event]) -> list[PanelistList]:
    """Every panelist with follow-ups that are not withdrawn, in panel order."""
    state = fold(events)
    offers = state.offers
    by_panelist: dict[int, list[FollowUp]] = {}
    for follow_up in state.follow_ups.values():
        if not follow_up.withdrawn:
            by_panelist.setdefault(follow_up.panelist_id, []).append(follow_up)
    lists = []
    for panelist_id, follow_ups in sorted(by_panelist.items()):
        panelist = state.panelists.get(panelist_id)
        name = panelist.name if panelist is not None else f"panelist {panelist_id}"
        students = f"{len(follow_ups)} student{'s' if len(follow_ups) > 1 else ''}"
        lines = [
            f"# Follow-ups for {markdown(name)}",
            "",
            f"{markdown(state.title)}: {students} asked to follow up. "
            "Private: contact details students chose to give the hosts; forward them to "
            f"{markdown(name)} only, then `panelhost sessions --forget-contacts "
            f"{state.session_id}`.",
            "",
        ]
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(CSV_COLUMNS)
        for f in follow_ups:
            offer = offers.get(f.offer_id or 0)
            about = f"offer {offer.id}: {offer.text}" if offer is not None else "in general"
            email = f.email or "no email given"
            lines.append(f"- **{markdown(f.name)}** ({markdown(email)}), {markdown(about)}")
            if f.message:
                lines.append(f"  > {markdown(f.message)}")
            writer.writerow(
                [
                    f.id,
                    csv_cell(f.name),
                    csv_cell(f.email or ""),
                    csv_cell(about),
                    csv_cell(f.message),
                    rfc3339(f.at),
                ]
            )
        lists.append(
            PanelistList(
                _stem(panelist_id, name), "\n".join(lines) + "\n", table.getvalue(), len(follow_ups)
            )
        )
    return lists
