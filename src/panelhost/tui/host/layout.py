"""The host screen as it looks: status, join line, the question lists, on stage, panel and
notes, repainted from the mirror at most 10 times a second (`flush`, when the link bridge
says so: on every tick of its timer, since the roster and the header follow the clock).

HostScreen (screen.py) adds what the keys do.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from panelhost import protocol as p
from panelhost.tui.host.controller import HostController
from panelhost.tui.host.footer import FooterState, show_keys
from panelhost.tui.host.header import Header, banner_words, header_texts
from panelhost.tui.host.navigation import NARROW_COLUMNS, HostLists
from panelhost.tui.host.options import HostOptions, HostStats
from panelhost.tui.host.stage import StagePanel
from panelhost.tui.link_bridge import LinkBridge
from panelhost.tui.widgets.notes import NotesList
from panelhost.tui.widgets.queue import QuestionList
from panelhost.tui.widgets.roster import Roster
from panelhost.tui.widgets.timer import SpeakerTimer

SHORT_ROWS = 30
"""Below this height the timer shows in words only (its big digits take three rows)."""


class HostLayout(Screen[object]):
    """Everything the host needs at a glance, painted from the mirror."""

    def __init__(self, controller: HostController, options: HostOptions, stats: HostStats) -> None:
        super().__init__()
        self.controller = controller
        self.options = options
        self.stats = stats
        self.mirror = controller.mirror
        self.bell_on = options.bell
        """The bell at zero; `b` toggles it."""
        self.bridge = LinkBridge(controller.link, self, every_tick=True, heard=(p.Presence,))
        """The link's news as messages (all but Changed bubble on to the app); a flush each tick."""
        self._header: Header | None = None
        self._footer: FooterState | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="banner")
        with Horizontal(id="status-bar"):
            yield Static(Text("panelhost"), id="title")
            yield Static(Text(""), id="status")
        yield Static(Text(""), id="join")
        with Horizontal(id="main"):
            yield HostLists(self.mirror, self.options.clock.wall_ms, id="left")
            with Vertical(id="right"):
                yield StagePanel(clock=self.options.clock.monotonic, id="stage")
                yield Roster(id="roster")
                yield NotesList(id="notes")
        yield Footer()

    @property
    def painted_version(self) -> int:
        """The mirror version on screen; tests wait for it to catch up."""
        return self.bridge.painted_version

    @property
    def question_lists(self) -> HostLists:
        return self.query_one(HostLists)

    def lists(self) -> tuple[QuestionList, QuestionList]:
        return self.question_lists.lists()

    def selected(self) -> p.Question | None:
        """The question under the cursor of the focused list."""
        return self.question_lists.selected()

    def on_mount(self) -> None:
        self.query_one("#stage").border_title = "On stage"
        self.query_one("#queue").border_title = "Queue"
        self.query_one("#notes").border_title = "Notes"
        self.query_one("#queue", QuestionList).focus()
        self.add_class("-queue-focused")
        self.show_status()
        self.flush()  # before the first layout, so every box is sized for what it shows
        self.bridge.start(painted=True)  # then a flush every tick

    def on_unmount(self) -> None:
        self.bridge.stop()

    def on_resize(self, event: Resize) -> None:
        # at 80 columns the footer's keys fit only without their padding
        self.query_one(Footer).compact = event.size.width < NARROW_COLUMNS
        self.set_class(event.size.height < SHORT_ROWS, "-short")
        self._footer = None

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # a short screen shows the lower list only while it has the focus
        self.set_class(event.widget.id == "queue", "-queue-focused")
        self.question_lists.repaint_detail(self.options.clock.wall_ms())

    # -- repaint -------------------------------------------------------------------------

    def on_link_bridge_changed(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Repaint what changed since the last flush (runs at most 10 times a second)."""
        self.stats.flushes += 1
        mirror = self.mirror
        clock = self.options.clock
        now_wall = clock.wall_ms()
        lists = self.question_lists
        with self.app.batch_update():
            if (
                mirror.version != self.bridge.painted_version
                or now_wall >= lists.ages_change_at  # each row's age on its own minute
                or lists.stale
            ):
                self.bridge.painted(mirror.version)
                if lists.repaint(now_wall):
                    self.stats.repaints += 1
                self.query_one(StagePanel).show(mirror, self.bell_on)
                self.query_one(NotesList).show(mirror.notes)
            now = clock.monotonic()
            speaker = mirror.speaker()
            self.query_one(Roster).show(
                list(mirror.panelists.values()),
                lambda panelist_id: mirror.spoken_ms(panelist_id, now),
                speaker.id if speaker is not None and mirror.timer.state != "idle" else None,
            )
            self._repaint_header(now_wall)
            lists.repaint_detail(now_wall)
            self._repaint_footer()

    def force_repaint(self) -> None:
        """Repaint everything on the next flush, even if the mirror did not change."""
        self.bridge.forget_painted()

    def _repaint_header(self, now_wall: int) -> None:
        header = header_texts(self.controller.link, self.options, now_wall, self.size.width)
        if header == self._header:
            return
        self._header = header
        for selector, text in zip(("#title", "#status", "#join"), header, strict=True):
            self.query_one(selector, Static).update(text)

    def _repaint_footer(self) -> None:
        """The keys of the focused list, in its words; changed only when they change."""
        mirror, lists = self.mirror, self.question_lists
        state = FooterState(
            kind=lists.focused_kind(),
            narrow=self.size.width < NARROW_COLUMNS,
            on_stage=mirror.now.question_id is not None or mirror.now.panelist_id is not None,
            panelists=bool(mirror.panelists),
            timer=mirror.timer.state,
            pending=bool(mirror.pending()),
            empty=not lists.focused_list().order,
            before_panel=mirror.session is not None
            and mirror.session.status == "open_for_questions",
        )
        if state == self._footer:
            return
        self._footer = state
        show_keys([self, *self.lists()], state.ids(), state.labels())

    def show_status(self) -> None:
        """Show or hide the banner for a lost, refused or ended connection."""
        banner = self.query_one("#banner", Static)
        message = banner_words(self.controller.link)
        banner.display = message is not None
        if message is not None:
            banner.update(Text("⚠ " + message))
        self._header = None
        self._repaint_header(self.options.clock.wall_ms())

    @on(SpeakerTimer.Overtime)
    def overtime(self, event: SpeakerTimer.Overtime) -> None:
        if self.bell_on:
            self.stats.bells += 1
            self.app.bell()
