"""The host screen: status, join line, the question lists, on stage, panel and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from panelhost.client.text import printable
from panelhost.core.clock import parse_rfc3339
from panelhost.durations import elapsed
from panelhost.tui.host.bindings import HOST_ACTIONS
from panelhost.tui.host.cohosts import host_screens_words
from panelhost.tui.host.footer import FooterState, ListKind
from panelhost.tui.host.joinline import join_text
from panelhost.tui.host.navigation import NARROW_COLUMNS, HostLists
from panelhost.tui.host.offer_actions import OfferActions
from panelhost.tui.host.requests import HostRequests
from panelhost.tui.host.stage import StagePanel
from panelhost.tui.keys import bindings
from panelhost.tui.widgets.detail import QuestionDetail
from panelhost.tui.widgets.notes import NotesList
from panelhost.tui.widgets.queue import QuestionList
from panelhost.tui.widgets.roster import Roster
from panelhost.tui.widgets.timer import SpeakerTimer

if TYPE_CHECKING:
    from panelhost.tui.host.app import HostApp

__all__ = ["HostScreen", "ListKind"]

REPAINT_S = 0.1
"""The screen repaints at most 10 times a second, however many changes arrive."""
SHORT_ROWS = 30
"""Below this height the timer shows in words only (its big digits take three rows)."""

SESSION_WORDS = {"open_for_questions": "open for questions (L: go live)", "ended": "ended"}
"""The header's word for the session's status; anything else reads as live."""

STATUS_WORDS = {
    "connecting": "connecting…",
    "connected": "connected",
    "reconnecting": "reconnecting…",
    "ended": "session ended",
    "refused": "refused",
    "replaced": "replaced",
    "unreachable": "unreachable",
    "closed": "closed",
}


class HostQuestionList(QuestionList):
    """A question list whose enter puts the selected question on stage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "on stage", id="stage.put"),
        Binding("home", "scroll_top", "first", show=False, id="lists.first"),
        Binding("end", "scroll_bottom", "last", show=False, id="lists.last"),
    ]


class HostScreen(HostLists, HostRequests, OfferActions, Screen[object]):
    """Everything the host needs at a glance; every action is one key (see bindings.py)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(HOST_ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self.lower_kind: ListKind = "pending"
        """What the lower list shows: pending, answered or dismissed."""
        self._painted_version = -1
        self._painted_minute = -1
        self._lower_chosen = False
        self._lower_cursor: dict[ListKind, int | None] = {}
        """The question selected in each lower list, to come back to it after tab."""
        self._header: tuple[Text, Text, Text] | None = None
        self._footer: FooterState | None = None
        self.digit_ahead: str | None = None
        """After enter, until the picker opens: "" waiting, or the digit typed meanwhile."""

    @property
    def host(self) -> HostApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="banner")
        with Horizontal(id="status-bar"):
            yield Static(Text("panelhost"), id="title")
            yield Static(Text(""), id="status")
        yield Static(Text(""), id="join")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield HostQuestionList(id="queue")
                yield HostQuestionList(id="lower")
                yield QuestionDetail(id="detail")
            with Vertical(id="right"):
                yield StagePanel(clock=self.host.options.clock.monotonic, id="stage")
                yield Roster(id="roster")
                yield NotesList(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stage").border_title = "On stage"
        self.query_one("#queue").border_title = "Queue"
        self.query_one("#notes").border_title = "Notes"
        self.query_one("#queue", QuestionList).focus()
        self.add_class("-queue-focused")
        self.set_interval(REPAINT_S, self.flush)
        self.show_status()
        self.flush()

    def on_key(self, event: Key) -> None:
        """Keys reach the screen in the order typed, before the list's enter opens the
        picker: a digit typed right after enter is kept for the picker."""
        character = event.character or ""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, QuestionList) and focused.order:
            self.digit_ahead = ""  # the picker opens: action_stage takes what follows
        elif self.digit_ahead == "" and character.isdigit() and character != "0":
            self.digit_ahead = character
            event.stop()

    def on_resize(self, event: Resize) -> None:
        # at 80 columns the footer's keys fit only without their padding
        self.query_one(Footer).compact = event.size.width < NARROW_COLUMNS
        self.set_class(event.size.height < SHORT_ROWS, "-short")
        self._footer = None

    # -- repaint -------------------------------------------------------------------------

    def flush(self) -> None:
        """Repaint what changed since the last flush (runs at most 10 times a second)."""
        app = self.host
        app.flushes += 1
        mirror = app.link.mirror
        clock = app.options.clock
        now_wall = clock.wall_ms()
        minute = now_wall // 60_000
        queue, lower = self.lists()
        with app.batch_update():
            if (
                mirror.version != self._painted_version
                or minute != self._painted_minute
                or queue.stale
                or lower.stale
            ):
                self._painted_version = mirror.version
                self._painted_minute = minute
                if self._repaint_lists(now_wall):
                    app.repaints += 1
                self.query_one(StagePanel).show(mirror, app.bell_on)
                self.query_one(NotesList).show(mirror.notes)
            now = clock.monotonic()
            speaker = mirror.speaker()
            self.query_one(Roster).show(
                list(mirror.panelists.values()),
                lambda panelist_id: mirror.spoken_ms(panelist_id, now),
                speaker.id if speaker is not None and mirror.timer.state != "idle" else None,
            )
            self._repaint_header(now_wall)
            self._repaint_detail(now_wall)
            self._repaint_footer()

    def _repaint_header(self, now_wall: int) -> None:
        app = self.host
        mirror = app.link.mirror
        session = mirror.session
        title = Text("panelhost", style="bold")
        if session is not None:
            if self.size.width < NARROW_COLUMNS:  # the session's title needs the room
                title = Text(printable(session.title), style="bold")
            else:
                title.append(" · ")
                title.append(printable(session.title))
        status = Text()
        if session is not None:
            started = parse_rfc3339(session.started_at)
            end = parse_rfc3339(session.ended_at) if session.ended_at else now_wall
            status.append(SESSION_WORDS.get(session.status, "live") + " ")
            status.append(elapsed(end - started))
            status.append(f" · {mirror.participants} online")
            host_screens = host_screens_words(mirror.hosts)
            if host_screens is not None:
                status.append(f" · {host_screens}", style="bold")
        status.append(" · hub: ")
        link_status = app.link.status
        status.append(
            STATUS_WORDS.get(link_status, link_status),
            style="bold" if link_status == "connected" else "bold red",
        )
        options = app.options
        join = join_text(
            options.join_link, options.join_command, options.join_aside, self.size.width - 2
        )
        header = (title, status, join)
        if header == self._header:
            return
        self._header = header
        self.query_one("#title", Static).update(title)
        self.query_one("#status", Static).update(status)
        self.query_one("#join", Static).update(join)

    def action_show_join_qr(self) -> None:
        """`w`: the page's join link as a big QR code."""
        link = self.host.options.join_link
        if not link:
            self.notify("No join link for browsers here: this hub's address is not known.")
            return
        from panelhost.tui.host.joinqr import JoinQRDialog

        self.app.push_screen(JoinQRDialog(link, self.host.options.join_command))

    def show_status(self) -> None:
        """Show or hide the banner for a lost, refused or ended connection."""
        link = self.host.link
        banner = self.query_one("#banner", Static)
        words = {
            "reconnecting": "Connection to the hub lost: reconnecting… "
            "(the room keeps going while the hub runs)",
            "refused": f"The hub refused this host: {link.reason}",
            "unreachable": f"Cannot reach the hub: {link.reason}",
            "ended": "The session has ended.",
            "replaced": f"{link.reason}",
        }
        message = words.get(link.status)
        banner.display = message is not None
        if message is not None:
            banner.update(Text("⚠ " + message))
        self._header = None
        self._repaint_header(self.host.options.clock.wall_ms())

    @on(QuestionList.RowSelected)
    def row_chosen(self, event: QuestionList.RowSelected) -> None:
        """Enter (or a click on the selected row) puts the question on stage."""
        event.stop()
        self.action_stage()

    @on(SpeakerTimer.Overtime)
    def overtime(self, event: SpeakerTimer.Overtime) -> None:
        if self.host.bell_on:
            self.host.bells += 1
            self.app.bell()
