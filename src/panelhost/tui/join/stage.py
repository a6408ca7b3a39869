"""The participant's header: the session, what is on stage, who speaks, and the timer in words."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from panelhost.client.mirror import Mirror
from panelhost.client.text import printable, timer_words
from panelhost.tui.widgets.timer import read_timer

PHASES = ("-idle", "-running", "-paused", "-wrapup", "-overtime")
TITLE_MAX = 32


class StageHeader(Static):
    """Line 1: title · on stage: Q7 · Dr. Rivera speaking · 1:23 left. Line 2: the question.

    Wrap-up and overtime are said in words ("wrap up: 0:15 left", "OVERTIME +0:42");
    the `-wrapup` and `-overtime` classes add colour on top.
    """

    DEFAULT_CSS = """
    StageHeader { height: 2; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, mirror: Mirror, now: float) -> None:
        """Repaint from the mirror at monotonic `now` (cheap: called for each timer tick)."""
        text, phase = stage_text(mirror, now, self.size.width or 80)
        self.update(text)
        for name in PHASES:
            self.set_class(name == f"-{phase}", name)


def stage_text(mirror: Mirror, now: float, width: int) -> tuple[Text, str]:
    """The header's two lines at monotonic `now`, and the timer's phase (for colour)."""
    reading = read_timer(mirror.timer, mirror.timer_at, now)
    question = mirror.on_stage()
    speaker = mirror.speaker()
    stage = Text(f"on stage: Q{question.id}" if question else "nothing on stage")
    if speaker is not None:
        stage.append(" · ")
        stage.append(printable(speaker.name))
        stage.append(" speaking")
    timer = timer_words(mirror, now)
    if timer:
        stage.append(" · ")
        stage.append(timer, style="bold" if reading.phase != "running" else "")
    # the title gives way first: what is on stage and the time left matter most
    room = max(12, min(TITLE_MAX, width - 2 - len(stage) - 3))
    title = printable(mirror.title) or "panelhost"
    if len(title) > room:
        title = title[: room - 1] + "…"
    first = Text(title, style="bold")
    first.append(" · ")
    first.append_text(stage)
    second = Text()
    if question is not None:
        second.append(f"Q{question.id}: ", style="bold")
        second.append(printable(question.text))
    else:
        second.append("Vote for the questions you want answered; ask yours below.")
    both = Text("\n").join([first, second])
    both.no_wrap, both.overflow = True, "ellipsis"
    return both, reading.phase
