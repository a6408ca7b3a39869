"""The projector view: what is on stage, the speaker timer, what is next, and how to join."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from panelhost.client.link import Link
from panelhost.client.mirror import Mirror
from panelhost.client.text import printable
from panelhost.core.early import OPEN_FOR_QUESTIONS
from panelhost.tui.link_bridge import LinkBridge
from panelhost.tui.screen.fittext import FitText
from panelhost.tui.screen.theme import DEFAULT_THEME, HIGH_CONTRAST
from panelhost.tui.screen.upnext import UpNext
from panelhost.tui.widgets.offers import OffersBox
from panelhost.tui.widgets.qrcode import QRCode, qr_size
from panelhost.tui.widgets.timer import SpeakerTimer

COMPACT_ROWS = 30
"""Below this many rows the layout drops its spacing."""
ROOMY_ROWS = 45
"""From this many rows (and ROOMY_COLUMNS) the layout adds margins and a wider stage."""
ROOMY_COLUMNS = 140


QR_BESIDE_COLUMNS = 56
"""Columns the stage needs beside the QR code, or the code is left out (the link stays)."""
QR_ROWS_AROUND = 8
"""Rows the header, the join lines and the spacing take besides the code."""


def qr_scale(link: str, width: int, height: int) -> int:
    """The largest scale at which the code fits beside the stage (0: it does not fit)."""
    if not link:
        return 0
    for scale in (2, 1):
        columns, rows = qr_size(link, scale)
        if width >= columns + QR_BESIDE_COLUMNS and height >= rows + QR_ROWS_AROUND:
            return scale
    return 0


def ended_sentence(session_id: str | None) -> str:
    """Where the notes will be, as far as a viewer can know: the host has the transcript."""
    where = f" (panelhost export {session_id})" if session_id else ""
    return f"The host will share the notes{where}."


class ScreenApp(App[None]):
    """The full-screen, read-only projector view of one session, fed by a viewer `Link`.

    Build it with `make_screen_app`. The app starts the link itself unless it is told the
    link already runs (`start_link=False`); it closes the link when it exits. If the link
    stops before the first welcome (wrong code, unreachable hub) the app exits with return
    code 2 and `failure` holds the one-line reason.
    """

    CSS_PATH = "screen.tcss"
    TITLE = "panelhost screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", id="screen.quit"),
        Binding("escape", "quit", "quit", show=False, id="screen.quit_escape"),
    ]

    def __init__(
        self,
        link: Link,
        *,
        join_line: str,
        page_link: str = "",
        theme: str = DEFAULT_THEME,
        clock: Callable[[], float] = time.monotonic,
        start_link: bool = True,
    ) -> None:
        super().__init__()
        self.link = link
        self.join_line = join_line
        """What participants type to join, shown at the bottom while the session is live."""
        self.page_link = page_link
        """The page's join link, shown with its QR code (none: the terminal line only)."""
        self.clock = clock
        self.start_link = start_link
        self.failure: str | None = None
        """Why the screen could not join, when it exits with code 2."""
        self.bridge = LinkBridge(link, self)
        """Tells the app of the link's changes; repaints at most ten times a second."""
        self.register_theme(HIGH_CONTRAST)
        self.theme = theme

    @property
    def mirror(self) -> Mirror:
        return self.link.mirror

    @property
    def painted_version(self) -> int:
        """The mirror version on screen."""
        return self.bridge.painted_version

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(id="title")
            yield Static(id="presence")
        with Horizontal(id="body"):
            yield from self._compose_body()
        yield Static(self._join_text(), id="join")

    def _compose_body(self) -> ComposeResult:
        with Vertical(id="live"):
            with Vertical(id="stage"):
                yield Static(id="stage-meta")
                yield FitText(id="question", reserve=2)
                yield Static(id="speaker")
            yield SpeakerTimer(id="timer", clock=self.clock)
            yield Static(Text("Next, by votes"), id="next-title")
            yield UpNext(id="next")
            yield OffersBox("Offers · follow up from your own screen", id="offers")
        with Vertical(id="ended"):
            yield Static(Text("The session has ended."), id="ended-title")
            yield Static(Text("Thank you for your questions."), id="ended-thanks")
            yield Static(id="ended-notes")
        with Vertical(id="qr-panel"):
            yield QRCode(self.page_link, id="qr")
            yield Static(Text("Scan to join"), id="qr-caption")

    def _join_text(self) -> Text:
        lines = [self.join_line]
        if self.page_link:
            lines.insert(0, f"Join in a browser:  {self.page_link}")
        return Text("\n".join(lines))

    def on_mount(self) -> None:
        if self.start_link:
            self.run_worker(self._run_link(), exclusive=True, group="link")
        self._fit_layout(*self.size)
        self.flush()
        self.bridge.start(painted=True)

    async def on_unmount(self) -> None:
        self.bridge.stop()
        await self.link.close()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout(event.size.width, event.size.height)

    async def _run_link(self) -> None:
        await self.link.run()

    def on_link_bridge_status(self) -> None:
        link = self.link
        if link.stopped and link.welcomes == 0 and self.failure is None:
            self.failure = link.reason or "could not join the session"
            self.exit(return_code=2)

    # -- painting --------------------------------------------------------------------------

    def on_link_bridge_changed(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Repaint (the bridge asks at most ten times a second, when something changed)."""
        if self.failure is not None:
            return
        self.bridge.painted(self.mirror.version)
        with self.batch_update():
            self._paint()

    def _paint(self) -> None:
        mirror = self.mirror
        link = self.link
        self._static("#title").update(Text(printable(mirror.title) or "panelhost"))
        self._static("#presence").update(Text(self._presence_words()))
        self.query_one("#presence").set_class(link.status != "connected", "-warning")
        ended = mirror.ended or link.status == "ended"
        self.screen.set_class(ended, "-ended")
        if ended:
            session_id = mirror.session.id if mirror.session is not None else None
            self._static("#ended-notes").update(Text(ended_sentence(session_id)))
            return
        if not mirror.loaded:
            self._static("#stage-meta").update(Text(""))
            self.query_one("#question", FitText).update(f"Connecting to {self.link.url} …")
            self._static("#speaker").update(Text(""))
            return
        self._paint_stage()
        self.query_one(SpeakerTimer).show(mirror.timer, mirror.timer_at)
        on_stage = mirror.now.question_id
        self.query_one(UpNext).show(
            [q for q in mirror.queue() if q.status == "open" and q.id != on_stage]
        )
        self.query_one(OffersBox).show(mirror)

    def _paint_stage(self) -> None:
        mirror = self.mirror
        question = mirror.on_stage()
        # "Speaking" only while their timer runs; "Answering" names who is on stage
        speaker = mirror.speaker() if question is None else mirror.answerer()
        who = ""
        if speaker is not None:
            who = printable(speaker.name)
            if speaker.title:
                who += f" · {printable(speaker.title)}"
        if question is None:
            self._static("#stage-meta").update(Text(""))
            before_panel = mirror.session is not None and mirror.session.status == (
                OPEN_FOR_QUESTIONS
            )
            waiting = "Questions are open: the panel starts later" if before_panel else ""
            self.query_one("#question", FitText).update(waiting or "Waiting for the next question")
            self._static("#speaker").update(Text(f"Speaking: {who}" if who else ""))
            self.query_one("#question").add_class("-waiting")
            return
        self.query_one("#question").remove_class("-waiting")
        votes = "vote" if question.votes == 1 else "votes"
        asked_by = "anonymous" if question.author is None else printable(question.author)
        meta = f"On stage · Q{question.id} · ▲{question.votes} {votes} · asked by {asked_by}"
        self._static("#stage-meta").update(Text(meta))
        self.query_one("#question", FitText).update(printable(question.text))
        answering = f"Answering: {who}" if who else "For the whole panel"
        self._static("#speaker").update(Text(answering))

    def _presence_words(self) -> str:
        link = self.link
        if link.status == "connected":
            count = self.mirror.participants
            return f"{count} online"
        if link.status in ("connecting", "reconnecting"):
            return "hub: reconnecting…" if link.welcomes else "hub: connecting…"
        if link.status == "ended":
            return "ended"
        return f"hub: {link.reason or link.status}"

    def _static(self, selector: str) -> Static:
        return self.query_one(selector, Static)

    def _fit_layout(self, width: int, height: int) -> None:
        self.screen.set_class(height < COMPACT_ROWS, "-compact")
        self.screen.set_class(height >= ROOMY_ROWS and width >= ROOMY_COLUMNS, "-roomy")
        scale = qr_scale(self.page_link, width, height)
        self.screen.set_class(scale == 0, "-no-qr")
        if scale:
            self.query_one(QRCode).show(self.page_link, scale)
