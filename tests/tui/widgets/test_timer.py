"""The speaker timer widget: its states, words, classes, local countdown and zero crossing."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Digits, Static

from panelhost import protocol as p
from panelhost.core.durations import countdown
from panelhost.tui.widgets.timer import SpeakerTimer, reading_at


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TimerApp(App[None]):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield SpeakerTimer(clock=self.clock, id="timer")

    def on_speaker_timer_overtime(self, message: SpeakerTimer.Overtime) -> None:
        self.messages.append(message)


def running(remaining_s: int, duration_s: int = 120) -> p.Timer:
    return p.Timer(
        state="running",
        panelist_id=1,
        duration_ms=duration_s * 1000,
        remaining_ms=remaining_s * 1000,
    )


def shown(app: TimerApp) -> tuple[str, str, set[str]]:
    widget = app.query_one(SpeakerTimer)
    digits = widget.query_one("#timer-digits", Digits).value
    words = str(widget.query_one("#timer-words", Static).render())
    classes = {c for c in widget.classes if c.startswith("-")}
    return digits, words, classes


def test_countdown() -> None:
    assert countdown(83_000) == "1:23"
    assert countdown(82_001) == "1:23"
    assert countdown(0) == "0:00"
    assert countdown(-1) == "-0:01"
    assert countdown(-42_000) == "-0:42"
    assert countdown(3_600_000) == "60:00"


def test_wrap_up_is_capped_at_a_quarter_of_the_duration() -> None:
    assert reading_at(running(25), 0, 0).phase == "wrapup"
    assert reading_at(running(25, duration_s=40), 0, 0).phase == "running"
    assert reading_at(running(9, duration_s=40), 0, 0).phase == "wrapup"
    assert reading_at(running(50, duration_s=300), 0, 0, wrap_up_ms=60_000).phase == "wrapup"


async def test_idle_until_shown() -> None:
    app = TimerApp(FakeClock())
    async with app.run_test():
        assert shown(app) == ("0:00", "idle", {"-idle"})


async def test_running_counts_down_locally_and_crosses_zero_once() -> None:
    clock = FakeClock()
    app = TimerApp(clock)
    async with app.run_test() as pilot:
        widget = app.query_one(SpeakerTimer)
        widget.show(running(83), clock.now)
        assert shown(app) == ("1:23", "1:23 left", {"-running"})

        clock.now += 60
        widget.tick()
        assert shown(app) == ("0:23", "wrap up: 0:23 left", {"-wrapup"})

        clock.now += 65
        widget.tick()
        await pilot.pause()
        assert shown(app) == ("-0:42", "OVERTIME +0:42", {"-overtime"})
        assert [m.panelist_id for m in app.messages] == [1]

        clock.now += 5
        widget.tick()
        await pilot.pause()
        assert shown(app)[1] == "OVERTIME +0:47"
        assert len(app.messages) == 1


async def test_the_widget_ticks_on_its_own_while_running() -> None:
    clock = FakeClock()
    app = TimerApp(clock)
    async with app.run_test() as pilot:
        widget = app.query_one(SpeakerTimer)
        widget.show(running(10, duration_s=60), clock.now)
        clock.now += 3
        for _ in range(200):  # the interval timer repaints; wait for it, not for a time
            if shown(app)[0] == "0:07":
                break
            await pilot.pause(0.05)
        assert shown(app)[0] == "0:07"


async def test_paused_does_not_count() -> None:
    clock = FakeClock()
    app = TimerApp(clock)
    async with app.run_test():
        widget = app.query_one(SpeakerTimer)
        paused = p.Timer(state="paused", panelist_id=1, duration_ms=120_000, remaining_ms=83_000)
        widget.show(paused, clock.now)
        clock.now += 30
        widget.tick()
        assert shown(app) == ("1:23", "paused, 1:23 left", {"-paused"})

        widget.show(p.Timer(state="paused", duration_ms=120_000, remaining_ms=20_000), clock.now)
        assert shown(app) == ("0:20", "paused, wrap up: 0:20 left", {"-paused", "-wrapup"})

        over = p.Timer(state="paused", duration_ms=120_000, remaining_ms=-42_000)
        widget.show(over, clock.now)
        assert shown(app) == ("-0:42", "paused, OVERTIME +0:42", {"-paused", "-overtime"})


async def test_a_timer_already_over_when_shown_posts_nothing() -> None:
    clock = FakeClock()
    app = TimerApp(clock)
    async with app.run_test() as pilot:
        widget = app.query_one(SpeakerTimer)
        widget.show(running(-5), clock.now)
        clock.now += 1
        widget.tick()
        await pilot.pause()
        assert shown(app)[1] == "OVERTIME +0:06"
        assert app.messages == []


async def test_reset_goes_idle_with_the_duration() -> None:
    clock = FakeClock()
    app = TimerApp(clock)
    async with app.run_test():
        widget = app.query_one(SpeakerTimer)
        widget.show(running(83), clock.now)
        widget.show(p.Timer(state="idle", duration_ms=120_000, remaining_ms=120_000), clock.now)
        assert shown(app) == ("2:00", "idle", {"-idle"})
