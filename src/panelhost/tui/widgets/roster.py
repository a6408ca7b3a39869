"""The panel roster: each panelist's speaking time, answers, and who has not spoken yet."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.widgets import Static

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.durations import duration

NOT_YET_WIDTH = len("▶ 9 ") + len(" 99:59") + len(" · not yet")
"""A roster line without its name, for a panelist who has not spoken."""


def roster_text(
    panelists: Sequence[p.Panelist],
    spoken_ms: Callable[[int], int],
    speaker_id: int | None,
    name_width: int = 16,
) -> Text:
    """One line per panelist: number, name, time, answers, and "not yet" or "speaking"."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if not panelists:
        text.append("No panelists yet: press p to add one.", style="dim")
        return text
    for number, panelist in enumerate(panelists, start=1):
        if number > 1:
            text.append("\n")
        speaking = panelist.id == speaker_id
        text.append("▶ " if speaking else "  ", style="bold")
        text.append(f"{number} " if number <= 9 else "  ", style="dim")
        name = Text(printable(panelist.name), style="bold" if speaking else "")
        name.truncate(name_width, overflow="ellipsis", pad=True)
        text.append_text(name)
        spoken = spoken_ms(panelist.id)
        text.append(f" {duration(spoken):>5}")
        answers = panelist.answers
        if answers == 0 and spoken == 0 and not speaking:
            text.append(" · not yet", style="bold yellow")
            continue
        text.append(f" · {answers} answer" + ("" if answers == 1 else "s"))
        if speaking:
            text.append(" · now", style="bold")
    return text


def not_yet_count(panelists: Sequence[p.Panelist], spoken_ms: Callable[[int], int]) -> int:
    """How many panelists have neither answered nor spoken."""
    return sum(1 for x in panelists if x.answers == 0 and spoken_ms(x.id) == 0)


class Roster(Static):
    """The fairness ledger: repaints only when its text changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self._painted: Text | None = None

    def name_width(self) -> int:
        """Room for names: 16, less in a narrow roster so that "not yet" stays visible."""
        width = self.content_size.width
        return 16 if width == 0 else max(8, min(16, width - NOT_YET_WIDTH))

    def show(
        self,
        panelists: Sequence[p.Panelist],
        spoken_ms: Callable[[int], int],
        speaker_id: int | None,
    ) -> None:
        text = roster_text(panelists, spoken_ms, speaker_id, self.name_width())
        if self._painted is None or text != self._painted:
            self._painted = text
            self.update(text)
        waiting = not_yet_count(panelists, spoken_ms)
        title = f"Panel · {len(panelists)}"
        title += f" · {waiting} not yet spoken" if waiting else " · everyone has spoken"
        if self.border_title != title:
            self.border_title = title
