"""Text of the replay's own views: the timeline bar, the speaking-time chart, clocks."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from panelhost.client.text import printable
from panelhost.core.durations import duration

BAR_BLOCKS = " ▏▎▍▌▋▊▉█"
"""Eighths of a cell, so short bars still differ."""


def cell_of(at: int, start: int, end: int, cells: int) -> int:
    """The cell (0..cells-1) of the timeline that time `at` falls in."""
    if end <= start or cells <= 1:
        return 0
    return max(0, min(cells - 1, (at - start) * cells // (end - start + 1)))


def timeline_text(width: int, start: int, end: int, marks: Sequence[int], position: int) -> Text:
    """`├──●───●──┃──●──┤`: questions going on stage as dots, the playhead as a bold bar."""
    cells = max(1, width - 2)
    line = ["─"] * cells
    for at in marks:
        line[cell_of(at, start, end, cells)] = "●"
    head = cell_of(position, start, end, cells)
    text = Text("├", style="dim")
    text.append("".join(line[:head]), style="dim")
    text.append("┃", style="bold reverse")
    text.append("".join(line[head + 1 :]), style="dim")
    text.append("┤", style="dim")
    return text


def bar(value: int, scale: int, width: int) -> str:
    """A horizontal bar `value / scale` of `width` cells, in eighths of a cell."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(1.0, value / scale) * width * 8))
    return "█" * (eighths // 8) + (BAR_BLOCKS[eighths % 8] if eighths % 8 else "")


TITLES = ("Dr.", "Dr", "Prof.", "Prof", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Mx.", "Mx")
"""Titles a name may start with, which a narrow chart can drop."""


def short_names(names: Sequence[str], width: int) -> list[str]:
    """Names as they fit in `width` cells: whole when they fit, else without a title in front
    (`Dr. Sarah Goldberg` -> `Sarah Goldberg`) unless that would make two names the same."""
    shortened = [_without_title(name) if len(name) > width else name for name in names]
    return [
        short if shortened.count(short) == 1 else name
        for name, short in zip(names, shortened, strict=True)
    ]


def _without_title(name: str) -> str:
    title, _, rest = name.partition(" ")
    return rest.strip() if title in TITLES and rest.strip() else name


def speaking_text(rows: Sequence[tuple[str, int, bool]], scale: int, width: int) -> Text:
    """One line per panelist: name, a bar of speaking time, the time; `▶` marks the speaker.

    `rows` holds (name, spoken ms, speaking now); bars are scaled to `scale` ms (the
    session's largest total, so they grow as the replay plays). Names are shown whole
    when they fit in about half the width, else shortened (`short_names`, then `…`).
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    if not rows:
        text.append("No panelists at this moment.", style="dim")
        return text
    budget = max(8, width // 2 - 4)
    names = short_names([printable(name) for name, _, _ in rows], budget)
    name_width = min(budget, max(len(name) for name in names))
    bar_width = max(4, width - name_width - 12)
    for number, (name, (_, spoken, speaking)) in enumerate(zip(names, rows, strict=True)):
        if number:
            text.append("\n")
        text.append("▶ " if speaking else "  ", style="bold")
        label = Text(name, style="bold" if speaking else "")
        label.truncate(name_width, overflow="ellipsis", pad=True)
        text.append_text(label)
        text.append(" ")
        text.append(bar(spoken, scale, bar_width), style="bold" if speaking else "")
        text.append(f" {duration(spoken)}")
    return text


def caret_text(width: int, fraction: float) -> Text:
    """A caret under the sparkline at the playhead: `      ▲ now`."""
    column = max(0, min(width - 1, round(fraction * (width - 1))))
    label = " now"
    if column + 1 + len(label) > width:
        return Text(" " * max(0, column - len(label)) + "now ▲", style="dim")
    return Text(" " * column + "▲" + label, style="dim")
