"""The replay's own widgets: the timeline to scrub, speaking time, votes over time, notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from panelhost import protocol as p
from panelhost.tui.replay.render import caret_text, speaking_text, timeline_text
from panelhost.tui.widgets.notes import notes_text


class TimelineBar(Widget):
    """The whole session as one line; a click moves the playhead there."""

    DEFAULT_CSS = """
    TimelineBar { height: 1; width: 1fr; }
    """

    @dataclass
    class Scrubbed(Message):
        """The user clicked the timeline at wall-clock `at` (ms)."""

        at: int

    def __init__(self, start: int, end: int, marks: Sequence[int], *, id: str | None = None):
        super().__init__(id=id)
        self.start = start
        self.end = end
        self.marks = marks
        self.position = start

    def show(self, position: int) -> None:
        if position != self.position:
            self.position = position
            self.refresh()

    def render(self) -> Text:
        return timeline_text(self.size.width, self.start, self.end, self.marks, self.position)

    def at_column(self, x: int) -> int:
        """The wall-clock time a column of the bar stands for."""
        cells = max(1, self.size.width - 2)
        column = max(0, min(cells - 1, x - 1))
        return self.start + (self.end - self.start) * column // max(1, cells - 1)

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Scrubbed(self.at_column(event.x)))


class SpeakingChart(Static):
    """Speaking time per panelist as bars, up to the playhead."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self._painted: Text | None = None
        self._rows: Sequence[tuple[str, int, bool]] = ()
        self._scale = 1

    def show(self, rows: Sequence[tuple[str, int, bool]], scale: int) -> None:
        self._rows, self._scale = rows, scale
        text = speaking_text(rows, scale, max(20, self.content_size.width or 40))
        if text != self._painted:
            self._painted = text
            self.update(text)

    def on_resize(self) -> None:
        # the bars are sized to the width: a line too long would wrap under the name
        self.show(self._rows, self._scale)


class VotesOverTime(Vertical):
    """Votes cast over the whole session (per bucket of time), with a caret at the playhead."""

    DEFAULT_CSS = """
    VotesOverTime { height: auto; }
    VotesOverTime Sparkline { height: 1; }
    VotesOverTime #votes-caret { height: 1; }
    """

    def __init__(self, per_bucket: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.per_bucket = per_bucket
        self.fraction = 0.0

    def compose(self) -> ComposeResult:
        yield Sparkline(list(self.per_bucket) or [0], summary_function=sum, id="votes-spark")
        yield Static(Text(""), id="votes-caret")

    def show(self, fraction: float) -> None:
        self.fraction = fraction
        width = self.content_size.width or 40
        self.query_one("#votes-caret", Static).update(caret_text(width, fraction))

    def on_resize(self) -> None:
        self.show(self.fraction)


class NotesAtMoment(VerticalScroll):
    """The host's notes taken up to the playhead, newest last."""

    DEFAULT_CSS = """
    NotesAtMoment { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._count = -1

    def compose(self) -> ComposeResult:
        yield Static(Text("No notes at this moment.", style="dim"), id="notes-text")

    def show(self, notes: Sequence[p.Note]) -> None:
        if len(notes) == self._count:
            return
        self._count = len(notes)
        text = notes_text(notes) if notes else Text("No notes at this moment.", style="dim")
        self.query_one("#notes-text", Static).update(text)
        self.border_title = f"Notes · {len(notes)}"
        self.scroll_end(animate=False)
