"""The on-stage panel: the question being answered, who answers it, and the speaker timer."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from panelhost.client.mirror import Mirror
from panelhost.client.text import printable
from panelhost.core.durations import countdown
from panelhost.tui.widgets.timer import WRAP_UP_MS, SpeakerTimer


def question_text(mirror: Mirror) -> Text:
    """`Q7  How did you choose EM?`, or what to do when nothing is on stage."""
    question = mirror.on_stage()
    if question is None:
        return Text("Nothing on stage: select a question and press enter.", style="dim")
    text = Text()
    text.append(f"Q{question.id}  ", style="bold")
    text.append(printable(question.text))
    return text


def speaker_text(mirror: Mirror) -> Text:
    """`Dr. Rivera · EM resident, PGY-2`."""
    speaker = mirror.answerer()
    text = Text()
    if speaker is None:
        text.append("no panelist on stage", style="dim")
    else:
        text.append(printable(speaker.name), style="bold")
        if speaker.title:
            text.append(f" · {printable(speaker.title)}")
    return text


def settings_text(mirror: Mirror, bell: bool) -> Text:
    """`answer time 2:00 · bell on`: what `t` starts and whether zero rings."""
    answer = countdown(mirror.settings.answer_seconds * 1000)
    return Text(f"answer time {answer} · bell {'on' if bell else 'off'}", style="dim")


class StagePanel(Vertical):
    """What is on stage now; `show(mirror, bell)` after each mirror change."""

    DEFAULT_CSS = """
    StagePanel { height: auto; }
    StagePanel #stage-question { height: auto; }
    StagePanel #stage-speaker { height: auto; }
    StagePanel #stage-settings { height: auto; }
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        wrap_up_ms: int = WRAP_UP_MS,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.wrap_up_ms = wrap_up_ms
        self._painted: tuple[Text, Text, Text] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="stage-question")
        yield Static(Text(""), id="stage-speaker")
        yield Static(Text(""), id="stage-settings")
        yield SpeakerTimer(clock=self.clock, wrap_up_ms=self.wrap_up_ms, id="stage-timer")

    def show(self, mirror: Mirror, bell: bool) -> None:
        texts = (question_text(mirror), speaker_text(mirror), settings_text(mirror, bell))
        if texts != self._painted:
            self._painted = texts
            for name, text in zip(("question", "speaker", "settings"), texts, strict=True):
                self.query_one(f"#stage-{name}", Static).update(text)
        self.query_one(SpeakerTimer).show(mirror.timer, mirror.timer_at)
