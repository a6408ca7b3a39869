"""The speaker timer: big mm:ss digits counting down locally, and its state in words."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer as Ticker
from textual.widget import Widget
from textual.widgets import Digits, Static

from panelhost import protocol as p
from panelhost.core.timer_reading import WRAP_UP_MS, TimerReading, read_timer

__all__ = ["WRAP_UP_MS", "SpeakerTimer", "TimerReading", "reading_at"]

TICK_S = 0.2
"""How often a running timer repaints (5 times a second, so a second never lags visibly)."""

PHASE_CLASSES = ("-idle", "-running", "-paused", "-wrapup", "-overtime")


def reading_at(
    timer: p.Timer, received_at: float, now: float, wrap_up_ms: int = WRAP_UP_MS
) -> TimerReading:
    """The reading of `timer` (which arrived at monotonic `received_at`) at monotonic `now`."""
    return read_timer(timer, round((now - received_at) * 1000), wrap_up_ms)


class SpeakerTimer(Widget):
    """The speaker timer in big `Digits` (mm:ss, negative past zero) over a line in words.

    Inputs: call `show(timer, received_at)` with the latest `protocol.Timer` and the
    monotonic time (`time.monotonic()` seconds) it arrived, e.g. `show(mirror.timer,
    mirror.timer_at)` after each mirror change; calling it again with the same values is
    cheap. While the timer runs the widget counts down on its own, `1 / TICK_S` times a
    second; it does not tick while idle or paused.

    Words, the same in every client (`core.timer_reading`): "1:23 left", "wrap up: 0:25
    left", "OVERTIME +0:42", "paused, 1:23 left" (or "paused, OVERTIME +0:42"), "idle".

    Styling: the widget carries one of the classes `-idle`, `-running`, `-paused`,
    `-wrapup`, `-overtime` (a paused timer in wrap-up or overtime carries `-paused` as well),
    so an app can colour it; the words always say what the colour says.
    Children: `Digits#timer-digits` and `Static#timer-words`.

    Messages: `SpeakerTimer.Overtime` is posted once each time a running timer crosses zero
    while shown (the host rings the bell on it), never for a timer already over when shown.

    Args:
        wrap_up_ms: the wrap-up threshold (capped at a quarter of the duration).
        clock: monotonic clock in seconds; tests freeze it for deterministic screenshots.
    """

    DEFAULT_CSS = """
    SpeakerTimer {
        height: auto;
        width: 1fr;
    }
    SpeakerTimer #timer-digits {
        width: 1fr;
        text-align: center;
        text-style: bold;
    }
    SpeakerTimer #timer-words {
        width: 1fr;
        text-align: center;
        text-style: bold;
    }
    SpeakerTimer.-idle #timer-digits, SpeakerTimer.-idle #timer-words {
        color: $text-muted;
    }
    SpeakerTimer.-wrapup #timer-digits, SpeakerTimer.-wrapup #timer-words {
        color: $warning;
    }
    SpeakerTimer.-overtime #timer-digits, SpeakerTimer.-overtime #timer-words {
        color: $error;
    }
    """

    @dataclass
    class Overtime(Message):
        """A running timer crossed zero (posted once per crossing)."""

        speaker_timer: SpeakerTimer
        panelist_id: int | None

        @property
        def control(self) -> SpeakerTimer:
            return self.speaker_timer

    def __init__(
        self,
        *,
        wrap_up_ms: int = WRAP_UP_MS,
        clock: Callable[[], float] = time.monotonic,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.wrap_up_ms = wrap_up_ms
        """Wrap-up starts this many ms before zero (at most a quarter of the duration)."""
        self.clock = clock
        self.timer = p.Timer()
        """The timer last given to `show`."""
        self.received_at = 0.0
        self.reading = reading_at(self.timer, 0.0, 0.0, wrap_up_ms)
        """What the widget shows now."""
        self._armed = False
        self._painted_words = self.reading.words
        self._ticker: Ticker | None = None
        self.add_class("-idle")

    def compose(self) -> ComposeResult:
        yield Digits(self.reading.digits, id="timer-digits")
        yield Static(Text(self.reading.words), id="timer-words")

    def on_mount(self) -> None:
        self._ticker = self.set_interval(TICK_S, self.tick, pause=True)
        self._paint()

    def show(self, timer: p.Timer, received_at: float) -> None:
        """Show `timer`, which arrived at monotonic `received_at`."""
        if timer == self.timer and received_at == self.received_at:
            return
        self.timer = timer
        self.received_at = received_at
        if self._ticker is not None:
            if timer.state == "running":
                self._ticker.resume()
            else:
                self._ticker.pause()
        self.tick()

    def tick(self) -> None:
        """Recompute the reading at the clock's now and repaint what changed."""
        reading = reading_at(self.timer, self.received_at, self.clock(), self.wrap_up_ms)
        if self.timer.state == "idle" or reading.remaining_ms > 0:
            self._armed = self.timer.duration_ms > 0
        elif self._armed and reading.phase == "overtime":
            self._armed = False
            if self.timer.state == "running":
                self.post_message(self.Overtime(self, self.timer.panelist_id))
        if reading != self.reading:
            self.reading = reading
            self._paint()

    def _paint(self) -> None:
        if not self.is_mounted:
            return
        reading = self.reading
        digits = self.query_one("#timer-digits", Digits)
        if digits.value != reading.digits:
            digits.update(reading.digits)
        if reading.words != self._painted_words:
            self._painted_words = reading.words
            self.query_one("#timer-words", Static).update(Text(reading.words))
        wanted = {f"-{reading.phase}"}
        if reading.state == "paused":
            wanted = {"-paused"} | (wanted - {"-running"})  # a pause is not running
        for name in PHASE_CLASSES:
            self.set_class(name in wanted, name)
