"""The panel roster: each panelist's speaking time, answers, and who has not spoken yet."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.widgets import Static

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.core.durations import duration

WIDE_EXTRA = len("▶ 9 ") + len(" 99:59") + len(" · 99 answers") + len(" · now")
"""A wide roster line without its name: `▶ 1 … 4:10 · 3 answers · now`."""
NARROW_EXTRA = len("▶9 ") + len(" 99:59") + len(" 99✓")
"""A narrow one: `▶1 … 4:10 3✓` (`✓` as the queue marks answered questions)."""


def roster_text(
    panelists: Sequence[p.Panelist],
    spoken_ms: Callable[[int], int],
    speaker_id: int | None,
    width: int = 0,
) -> Text:
    """One line per panelist: number, name, time, answers, and "not yet" or "speaking".

    `width` is the room for each line (0: unknown, the wide form). Where the wide form
    (`▶ 1 Dr. Rivera  4:10 · 3 answers · now`) would cut a name, the narrow form keeps
    names and times whole: `▶1 Dr. Ana Rivera  4:10  3✓`, `not yet` in place of `0:00`.
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    if not panelists:
        text.append("No panelists yet.\nPress p to add one.", style="dim")
        return text
    longest = max(len(printable(x.name)) for x in panelists)
    wide = width == 0 or longest + WIDE_EXTRA <= width
    name_width = longest if wide or width == 0 else max(6, min(longest, width - NARROW_EXTRA))
    for number, panelist in enumerate(panelists, start=1):
        if number > 1:
            text.append("\n")
        speaking = panelist.id == speaker_id
        text.append("▶" if speaking else " ", style="bold")
        number_text = f"{number}" if number <= 9 else " "
        text.append(f" {number_text} " if wide else f"{number_text} ", style="dim")
        name = Text(printable(panelist.name), style="bold" if speaking else "")
        name.truncate(name_width, overflow="ellipsis", pad=True)
        text.append_text(name)
        spoken = spoken_ms(panelist.id)
        answers = panelist.answers
        if answers == 0 and spoken == 0 and not speaking:
            text.append("  0:00 · not yet" if wide else "   not yet", style="bold yellow")
            continue
        text.append(f" {duration(spoken):>5}")
        if wide:
            text.append(f" · {answers} answer" + ("" if answers == 1 else "s"))
            if speaking:
                text.append(" · now", style="bold")
        else:
            text.append(f" {answers:>2}✓")
    return text


def not_yet_count(panelists: Sequence[p.Panelist], spoken_ms: Callable[[int], int]) -> int:
    """How many panelists have neither answered nor spoken."""
    return sum(1 for x in panelists if x.answers == 0 and spoken_ms(x.id) == 0)


class Roster(Static):
    """The fairness ledger: repaints only when its text changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self._painted: Text | None = None

    def show(
        self,
        panelists: Sequence[p.Panelist],
        spoken_ms: Callable[[int], int],
        speaker_id: int | None,
    ) -> None:
        text = roster_text(panelists, spoken_ms, speaker_id, self.content_size.width)
        if self._painted is None or text != self._painted:
            self._painted = text
            self.update(text)
        waiting = not_yet_count(panelists, spoken_ms)
        if not panelists:
            title = "Panel · none yet"
        else:
            title = f"Panel · {len(panelists)}"
            title += f" · {waiting} not yet spoken" if waiting else " · everyone has spoken"
        if self.border_title != title:
            self.border_title = title
