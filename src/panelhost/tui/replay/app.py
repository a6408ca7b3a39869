"""The replay app: a transcript played back with the live views' queue and timer widgets."""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.widgets import Footer, Static

from panelhost.core import durations
from panelhost.core.model import State
from panelhost.transcript import Transcript
from panelhost.tui.replay.bindings import replay_bindings
from panelhost.tui.replay.cursor import ReplayCursor
from panelhost.tui.replay.dialogs import INTRO, GoToQuestion, replay_keys
from panelhost.tui.replay.facts import ReplayFacts, gather_facts
from panelhost.tui.replay.moment import header_text, mirror_at, span_words, stage_text
from panelhost.tui.replay.views import NotesAtMoment, SpeakingChart, TimelineBar, VotesOverTime
from panelhost.tui.widgets.keyhelp import KeyHelp
from panelhost.tui.widgets.queue import QuestionList, RowContext
from panelhost.tui.widgets.timer import SpeakerTimer

SPEEDS = (1, 2, 4, 16)
SHORT_ROWS = 30
"""Below this many rows the timer shows in words only, leaving room for the question."""
NARROW_COLUMNS = 90
"""Below this many columns the footer leaves out `^p palette` so the keys fit (? says it)."""
COMPACT_BELOW = 60
"""Lists narrower than this (at 80 columns) leave out the age, so questions keep room."""
TICK_S = 0.1
"""The playhead moves ten times a second while playing."""


class ReplayApp(App[None]):
    """Plays one transcript: play/pause, speeds, steps, jumps, and a timeline to scrub."""

    CSS_PATH = Path(__file__).with_name("replay.tcss")
    TITLE = "panelhost replay"
    BINDINGS: ClassVar[list[BindingType]] = replay_bindings()

    def __init__(self, transcript: Transcript, cursor: ReplayCursor, facts: ReplayFacts) -> None:
        super().__init__()
        self.transcript = transcript
        self.cursor = cursor
        self.facts = facts
        self.position = facts.start
        """The playhead: a wall-clock time (ms) within the session."""
        self.playing = False
        self.speed = 1
        self.mirror = mirror_at(cursor.seek_time(self.position), self.position)
        self.painted_index = -1
        """The cursor index on screen; tests wait for it."""
        self._last_tick = 0.0
        self._scale = max((x.spoken_ms for x in transcript.panelists), default=0)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(header_text(self.transcript, self.facts), id="replay-header")
        with Horizontal(id="replay-timeline-row"):
            yield TimelineBar(
                self.facts.start, self.facts.end, self.facts.stage_marks, id="timeline"
            )
            yield Static(Text(""), id="replay-clock")
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-left"):
                yield QuestionList(id="queue", compact_below=COMPACT_BELOW)
                yield QuestionList(id="held", compact_below=COMPACT_BELOW)
            with Vertical(id="replay-right"):
                with Vertical(id="stage-box"):
                    yield Static(Text(""), id="stage")
                    yield SpeakerTimer(clock=self._replay_clock, id="timer")
                yield SpeakingChart(id="speaking")
                yield VotesOverTime(self.facts.votes_per_bucket, id="votes")
                yield NotesAtMoment(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#speaking").border_title = "Speaking time"
        self.query_one(
            "#votes"
        ).border_title = f"Votes over time · per {span_words(self.facts.bucket_ms)}"
        self.query_one("#stage-box").border_title = "On stage"
        self._fit_to_size(self.size)
        self.query_one("#queue", QuestionList).focus()
        self.set_interval(TICK_S, self._tick)
        self.call_after_refresh(self.paint)

    def _fit_to_size(self, size: Size) -> None:
        header = header_text(self.transcript, self.facts, size.width)
        self.query_one("#replay-header", Static).update(header)
        self.query_one("#stage-box").set_class(size.height < SHORT_ROWS, "-short")
        footer = self.query_one(Footer)
        palette = size.width >= NARROW_COLUMNS
        if footer.show_command_palette != palette:
            footer.show_command_palette = palette
            footer.refresh(recompose=True)  # the footer reads it only when composing

    def _replay_clock(self) -> float:
        return self.position / 1000

    # -- painting ------------------------------------------------------------------------

    def paint(self) -> None:
        """Show the session at the playhead (the queue only when an event was crossed)."""
        state = self.cursor.seek_time(self.position)
        elapsed = self.position - self.facts.start
        with self.batch_update():
            lists = self.query(QuestionList)
            # a list that refitted its columns truncates its texts anew: show it again
            if self.cursor.index != self.painted_index or any(q.stale for q in lists):
                self.mirror = mirror_at(state, self.position)
                self._paint_lists(elapsed)
                self.query_one("#stage", Static).update(stage_text(self.mirror))
                self.query_one(NotesAtMoment).show(self.mirror.notes)
                self.painted_index = self.cursor.index
            timer = self.query_one(SpeakerTimer)
            timer.show(self.mirror.timer, self.mirror.timer_at)
            timer.tick()
            self.query_one(TimelineBar).show(self.position)
            self.query_one("#replay-clock", Static).update(self._clock_text(elapsed))
            self._paint_speaking(state)
            fraction = elapsed / self.facts.duration if self.facts.duration else 0.0
            self.query_one(VotesOverTime).show(fraction)
            self.query_one("#queue").border_title = self._queue_title(elapsed)

    def _clock_text(self, elapsed: int) -> Text:
        mode = "playing" if self.playing else "paused"
        if self.position >= self.facts.end and not self.playing:
            mode = "end"
        total = durations.elapsed(self.facts.duration)
        return Text(f" {durations.elapsed(elapsed)} / {total}  {self.speed}x {mode}")

    def _queue_title(self, elapsed: int) -> str:
        queue = self.mirror.queue()
        open_count = sum(1 for q in queue if q.status in ("open", "answering"))
        answered = sum(1 for q in queue if q.status == "answered")
        return f"Queue at {durations.elapsed(elapsed)} · {open_count} open · {answered} answered"

    def _paint_lists(self, elapsed: int) -> None:
        mirror = self.mirror
        asked = {q.id: mirror.asked_ms(q.id) for q in mirror.questions.values()}
        context = RowContext(mirror.panelists, self.position, asked)
        self.query_one("#queue", QuestionList).show(mirror.queue(), context)
        pending, dismissed = mirror.pending(), mirror.dismissed()
        held = self.query_one("#held", QuestionList)
        held.show([*pending, *dismissed], context)
        moderation = "on" if mirror.settings.moderation else "off"
        withdrawn = sum(1 for q in dismissed if self.facts.withdrawn(q.id, self.position))
        held.border_title = (
            f"Pending {len(pending)} · dismissed {len(dismissed) - withdrawn} · "
            f"withdrawn {withdrawn} · moderation {moderation}"
        )

    def _paint_speaking(self, state: State) -> None:
        speaker = state.open_segment()
        rows = [
            (x.name, state.spoken_ms_at(x, self.position), speaker is not None
             and speaker.panelist_id == x.id)
            for x in state.active_panelists()
        ]  # fmt: skip
        scale = max(self._scale, *(spoken for _, spoken, _ in rows), 1) if rows else 1
        self.query_one(SpeakingChart).show(rows, scale)

    # -- playing -------------------------------------------------------------------------

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed_s, self._last_tick = now - self._last_tick, now
        if not self.playing:
            if any(q.stale for q in self.query(QuestionList)):
                self.paint()  # a list refitted to a new width
            return
        self.move_to(self.position + round(elapsed_s * self.speed * 1000))
        if self.position >= self.facts.end:
            self.playing = False
            self.paint()

    def move_to(self, at: int) -> None:
        """Put the playhead at wall-clock `at` (clamped to the session) and repaint."""
        self.position = max(self.facts.start, min(self.facts.end, at))
        self.paint()

    def action_play_pause(self) -> None:
        if not self.playing and self.position >= self.facts.end:
            self.position = self.facts.start  # play again from the start
        self.playing = not self.playing
        self._last_tick = time.monotonic()
        self.paint()

    def action_speed(self, direction: int) -> None:
        index = SPEEDS.index(self.speed) + direction
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, index))]
        self.paint()

    def action_step(self, direction: int) -> None:
        """Move to the next event, or back to just before the last one shown."""
        times = self.cursor.times
        index = self.cursor.index_at(self.position)
        if direction > 0:
            if index < len(times):
                self.move_to(times[index])
        elif index >= 2:
            # the moment of the event before the last one applied: that one is undone
            self.move_to(times[index - 2])
        else:
            self.move_to(self.facts.start)

    def action_skip(self, seconds: int) -> None:
        self.move_to(self.position + seconds * 1000)

    def action_jump_start(self) -> None:
        self.playing = False
        self.move_to(self.facts.start)

    def action_jump_end(self) -> None:
        self.playing = False
        self.move_to(self.facts.end)

    def action_go_to_question(self) -> None:
        self.playing = False
        self.push_screen(GoToQuestion(), self.go_to_question)

    def go_to_question(self, number: int | None) -> None:
        """Jump to when question `number` went on stage (or was asked); select it."""
        if number is None:
            return
        at = self.facts.moment_of(number)
        if at is None:
            self.notify(f"There is no question Q{number} in this session.", markup=False)
            return
        self.move_to(at)
        self.query_one("#queue", QuestionList).select(number)
        self.query_one("#held", QuestionList).select(number)

    def action_help(self) -> None:
        self.push_screen(KeyHelp(replay_keys(), intro=INTRO))

    @on(TimelineBar.Scrubbed)
    def scrubbed(self, event: TimelineBar.Scrubbed) -> None:
        self.move_to(event.at)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_to_size(event.size)
        self.painted_index = -1  # the lists fit their text to the width
        self.call_after_refresh(self.paint)


def make_replay_app(transcript: Transcript, name: str = "transcript") -> ReplayApp:
    """The app as `panelhost replay` builds it; raises `TranscriptError` for a bad timeline."""
    cursor = ReplayCursor(transcript, name)
    return ReplayApp(transcript, cursor, gather_facts(transcript))
