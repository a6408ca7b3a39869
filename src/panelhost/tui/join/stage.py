"""The participant's header: the session, what is on stage, who speaks and the time left."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from panelhost.client.mirror import Mirror
from panelhost.client.text import printable, timer_words

PHASES = ("-idle", "-running", "-paused", "-wrapup", "-overtime")
TITLE_MIN, NAME_MIN = 8, 8
"""What a long title and a long panelist name keep when the line is short."""


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class StageHeader(Static):
    """`EM alumni panel · on stage: Q7 · Dr. Rivera 1:23 left`, never cut where it matters.

    Wrap-up and overtime are said in words ("wrap up: 0:15 left", "OVERTIME +0:42");
    the `-wrapup` and `-overtime` classes add colour on top.
    """

    DEFAULT_CSS = """
    StageHeader { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, mirror: Mirror, now: float) -> None:
        """Repaint from the mirror at monotonic `now` (cheap: called for each timer tick)."""
        text, phase = stage_text(mirror, now, self.size.width or 78)
        self.update(text)
        for name in PHASES:
            self.set_class(name == f"-{phase}", name)


def stage_text(mirror: Mirror, now: float, width: int) -> tuple[Text, str]:
    """The header line at monotonic `now` in `width` columns, and the timer's phase.

    What is on stage and the time left are never cut; the title gives way first, then
    the panelist's name. A panelist shows only while the timer runs or is paused for them.
    """
    reading = mirror.reading(now)
    question = mirror.on_stage()
    if mirror.ended:
        stage, timer, phase = "the session has ended", "", "idle"
    else:
        stage = f"on stage: Q{question.id}" if question else "nothing on stage"
        timer, phase = timer_words(mirror, now), reading.phase
    speaker = mirror.speaker() if not mirror.ended else None
    name = printable(speaker.name) if speaker is not None else ""
    title = printable(mirror.title) or "panelhost"
    separators = 3 * (1 + bool(name or timer))
    room = width - len(stage) - len(timer) - separators - (1 if name and timer else 0)
    name_room = max(NAME_MIN, room - min(len(title), TITLE_MIN)) if name else 0
    name = cut(name, name_room)
    title = cut(title, max(TITLE_MIN, room - len(name)))

    line = Text(title, style="bold")
    line.append(" · ")
    line.append(stage, style="bold" if mirror.ended else "")
    if name or timer:
        line.append(" · ")
        line.append(name)
        if name and timer:
            line.append(" ")
        line.append(timer, style="bold" if phase not in ("idle", "running") else "")
    line.no_wrap, line.overflow = True, "ellipsis"
    return line, phase
