"""The participant app's link and painting: header, list, detail, ask box, status line.

JoinApp (app.py) adds the keys and the requests they send.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from panelhost.client.link import Link
from panelhost.client.text import as_sentence, error_words
from panelhost.tui.join.ask import AskBar, AskInput
from panelhost.tui.join.clock import CLOCK, Clock
from panelhost.tui.join.detail import QuestionDetail
from panelhost.tui.join.queue import QuestionTable
from panelhost.tui.join.rows import detail_words
from panelhost.tui.join.stage import StageHeader
from panelhost.tui.join.status import ENDED_WORDS, status_line
from panelhost.tui.link_bridge import LinkBridge
from panelhost.tui.widgets.offers import OffersBox

TICK_S = 0.2
"""The header's countdown repaints five times a second while a timer runs."""


class JoinAppBase(App[None]):
    """A participant's view of one session, over one client link, painted from its mirror."""

    def __init__(self, link: Link, *, start_link: bool = True, clock: Clock = CLOCK) -> None:
        super().__init__()
        self.link = link
        self.clock = clock
        """Monotonic and wall clocks (snapshot tests freeze them)."""
        self.start_link = start_link
        """False when the link already runs (the command joins before the app starts)."""
        self.mirror = link.mirror
        self.bridge = LinkBridge(link, self)
        """Tells the app of the link's changes; repaints at most ten times a second."""
        self.message = ""
        """The last thing said on the status line (a reply, an error)."""

    @property
    def painted_version(self) -> int:
        """The mirror version on screen; tests wait for it to catch up."""
        return self.bridge.painted_version

    @property
    def withdrawn(self) -> set[int]:
        """My questions I withdrew (the wire calls them dismissed, like the host's)."""
        return self.mirror.my_withdrawn

    def compose(self) -> ComposeResult:
        yield StageHeader(id="stage")
        with Vertical(id="questions") as box:
            box.border_title = "Questions · most votes first"
            yield QuestionTable()
            yield QuestionDetail(id="detail")
        yield OffersBox("Offers · f (in the list) to follow up", id="offers")
        yield AskBar()
        yield Static(Text(ENDED_WORDS), id="ended")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_S, self._tick)
        self._show_status()
        if self.start_link:
            self.run_link()
        self.bridge.start()  # paints at once; a link that stopped already is told now

    async def on_unmount(self) -> None:
        self.bridge.stop()
        await self.link.close()

    @work(exclusive=True, group="link", exit_on_error=False)
    async def run_link(self) -> None:
        """The link's connection loop, for the app's whole life."""
        await self.link.run()

    def _link_stopped(self) -> None:
        if self.link.welcomes == 0:
            self.exit(return_code=2)  # the command prints the reason as one line
            return
        self.query_one(AskInput).disabled = True
        self._repaint()
        if self.link.status != "ended":  # the end has its own words where the box was
            self.notify(as_sentence(self.link.reason or "disconnected"), markup=False, timeout=30)

    # -- painting ------------------------------------------------------------------------

    @on(LinkBridge.Status)
    @on(LinkBridge.AsksWaiting)
    def _link_status(self) -> None:
        if not self.on_screen:
            return  # the app is closing: nothing left to show it on
        self._show_status()
        if self.link.stopped:
            self._link_stopped()

    @on(LinkBridge.Welcomed)
    def _welcomed(self, event: LinkBridge.Welcomed) -> None:
        if event.resync and not event.before_start:
            self.message = "reconnected; the questions are up to date"

    @on(LinkBridge.Notice)
    def _notice(self, event: LinkBridge.Notice) -> None:
        self.say(error_words(event.error))

    @property
    def on_screen(self) -> bool:
        """False while the app starts or closes, when its widgets are not there."""
        return self.is_running and bool(self.query("#status"))

    @on(LinkBridge.Changed)
    def _changed(self) -> None:
        if self.on_screen:
            self._repaint()

    def _repaint(self) -> None:
        mirror = self.mirror
        if not mirror.loaded:
            self._show_status()
            self.bridge.painted(mirror.version)  # all there is to show (not a loaded mirror)
            return
        with self.batch_update():
            self.query_one(StageHeader).show(mirror, self.clock.monotonic())
            table = self.query_one(QuestionTable)
            table.show(mirror, self.withdrawn, table.size.width or self.size.width - 2)
            self._show_detail()
            self.query_one(OffersBox).show(mirror)
            self.query_one(AskBar).show(mirror)
            self._show_ended()
            self._show_status()
        self.bridge.painted(mirror.version)

    def _show_ended(self) -> None:
        """Once the session ends: no ask box, a sentence on where the notes will be."""
        ended = self.mirror.ended or self.link.status == "ended"
        if ended == self.has_class("-ended"):
            return
        self.set_class(ended, "-ended")
        if ended:
            self.query_one(AskInput).disabled = True
            self.query_one(QuestionTable).focus()
        self.refresh_bindings()

    @property
    def session_over(self) -> bool:
        return self.has_class("-ended")

    def _selected_words(self) -> tuple[str, str] | None:
        question = self.mirror.question(self.query_one(QuestionTable).selected_id)
        if question is None:
            return None
        now_ms = self.clock.wall_ms()
        return detail_words(self.mirror, question, self.withdrawn, now_ms)

    def _show_detail(self) -> None:
        self.query_one(QuestionDetail).show(self._selected_words())

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show_detail()

    def _tick(self) -> None:
        if not (self.mirror.loaded and self.on_screen):
            return
        if self.mirror.timer.state == "running":
            self.query_one(StageHeader).show(self.mirror, self.clock.monotonic())
        self._show_detail()  # its age goes on in a quiet room ("asked 1m ago")

    def on_resize(self) -> None:
        if self.mirror.loaded:
            self.call_after_refresh(self._repaint)  # once the list knows its new width

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        status.update(status_line(self.link, self.message))
        status.set_class(self.link.status in ("reconnecting", "connecting"), "-trouble")
        status.set_class(self.link.stopped, "-stopped")

    @property
    def status_text(self) -> str:
        """The status line as plain text."""
        return str(self.query_one("#status", Static).render())

    def say(self, message: str) -> None:
        """Put a reply or an error on the status line."""
        self.message = message
        self._show_status()
