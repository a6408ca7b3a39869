"""The participant app (`panelhost join`): the ranked questions, voting, and an ask box."""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.text import as_sentence, error_words, printable
from panelhost.tui.join.ask import AskBar
from panelhost.tui.join.help import INTRO, keys_table
from panelhost.tui.join.queue import QuestionTable
from panelhost.tui.join.stage import StageHeader
from panelhost.tui.widgets.keyhelp import KeyHelp

REPAINT_S = 0.1
"""Changes are painted at most ten times a second, however fast they arrive."""
TICK_S = 0.2
"""The header's countdown repaints five times a second while a timer runs."""


class JoinApp(App[None]):
    """A participant's view of one session, over one client link."""

    CSS_PATH = Path(__file__).with_name("join.tcss")
    TITLE = "panelhost join"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_vote", "vote", id="join.vote"),
        Binding("ctrl+a", "toggle_anonymous", "anonymous", priority=True, id="join.anonymous"),
        Binding("a", "toggle_anonymous", "anonymous", show=False, id="join.anonymous_key"),
        Binding("t", "next_panelist", "ask a panelist", show=False, id="join.to_panelist"),
        Binding("w", "withdraw", "withdraw", id="join.withdraw"),
        Binding("question_mark,f1", "help", "help", key_display="?", id="join.help"),
        Binding("j", "cursor_down", "next question", show=False, id="join.down"),
        Binding("k", "cursor_up", "previous question", show=False, id="join.up"),
        Binding("i,slash", "focus_ask", "ask box", show=False, id="join.ask_box"),
        Binding("escape", "focus_queue", "questions", show=False, id="join.questions"),
        Binding("ctrl+q", "quit", "quit", show=False, id="join.quit"),
    ]
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("up/down, j/k", "move between questions"),
        ("space", "vote for the selected question, or take your vote back"),
        ("enter", "go to the ask box; in the ask box, send the question"),
        ("i or /", "go to the ask box"),
        ("escape", "back to the questions"),
        ("ctrl+a or a", "ask anonymously (on or off)"),
        ("t", "ask a panelist: anyone, then each panelist in turn"),
        ("w", "withdraw your own selected question"),
        ("tab", "next field"),
        ("? or F1", "this help"),
        ("ctrl+q", "quit (your questions and votes stay)"),
    ]

    def __init__(self, link: Link, *, start_link: bool = True) -> None:
        super().__init__()
        self.link = link
        self.start_link = start_link
        """False when the link already runs (the command joins before the app starts)."""
        self.mirror = link.mirror
        self.painted_version = -1
        """The mirror version on screen; tests wait for it to catch up."""
        self.message = ""
        """The last thing said on the status line (a reply, an error)."""
        self._repaint_due = False

    def compose(self) -> ComposeResult:
        yield StageHeader(id="stage")
        table = QuestionTable()
        table.border_title = "Questions · most votes first"
        yield table
        yield AskBar()
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.link.add_listener(self._on_link)
        self.set_interval(TICK_S, self._tick)
        self.set_interval(REPAINT_S, self._repaint_if_due)
        self.query_one(QuestionTable).focus()
        self._show_status()
        if self.start_link:
            self.run_link()
        elif self.link.stopped:
            self._link_stopped()
        else:
            self.call_later(self._repaint)  # the welcome came before the app started

    async def on_unmount(self) -> None:
        self.link.remove_listener(self._on_link)
        await self.link.close()

    @work(exclusive=True, group="link", exit_on_error=False)
    async def run_link(self) -> None:
        """The link's connection loop, for the app's whole life."""
        await self.link.run()

    def _link_stopped(self) -> None:
        if self.link.welcomes == 0:
            self.exit(return_code=2)  # the command prints the reason as one line
            return
        self.query_one("#ask-input", Input).disabled = True
        self._repaint()
        self.notify(as_sentence(self.link.reason or "disconnected"), markup=False, timeout=30)

    # -- painting ------------------------------------------------------------------------

    def _on_link(self, link: Link, what: str) -> None:
        # The link may run in a task started before the app (the command joins first), out
        # of the app's context where Textual timers cannot start: only mark the repaint as
        # due (an interval paints it) and hand anything else to the app's message loop.
        self._repaint_due = True
        if what == "status":
            self.call_later(self._link_status)
        elif what == "welcome" and link.welcomes > 1:
            self.message = "reconnected; the questions are up to date"
        elif what == "notice" and link.notice is not None:
            self.call_later(self.say, error_words(link.notice))
        if self.painted_version < 0 and what == "welcome":
            self.call_later(self._repaint)  # the first paint at once

    def _link_status(self) -> None:
        if not self.is_running or not self.query("#status"):
            return  # the app is closing: nothing left to show it on
        self._show_status()
        if self.link.stopped:
            self._link_stopped()

    def _repaint_if_due(self) -> None:
        if self._repaint_due:
            self._repaint()

    def _repaint(self) -> None:
        self._repaint_due = False
        mirror = self.mirror
        if not mirror.loaded:
            self._show_status()
            return
        with self.batch_update():
            self.query_one(StageHeader).show(mirror, time.monotonic())
            table = self.query_one(QuestionTable)
            table.fit_width(table.size.width or self.size.width)
            table.show(mirror)
            self.query_one(AskBar).show(mirror)
            self._show_status()
        self.painted_version = mirror.version

    def _tick(self) -> None:
        if self.mirror.loaded and self.mirror.timer.state == "running":
            self.query_one(StageHeader).show(self.mirror, time.monotonic())

    def on_resize(self) -> None:
        if self.mirror.loaded:
            self._repaint()

    def _show_status(self) -> None:
        link = self.link
        words = {
            "connecting": "connecting…",
            "connected": "connected",
            "reconnecting": "reconnecting…",
        }.get(link.status, link.reason or link.status)
        mirror = self.mirror
        if link.connected:
            words += f" · {mirror.participants} online"
            if mirror.you is not None:
                words += f" · you: {printable(mirror.you.name)}"
        if link.queued_asks:
            plural = "s" if link.queued_asks > 1 else ""
            words += f" · {link.queued_asks} question{plural} waiting to be sent"
        line = Text(words)
        if self.message and not link.stopped:
            line.append(" · ")
            line.append(self.message)
        status = self.query_one("#status", Static)
        status.update(line)
        status.set_class(link.status in ("reconnecting", "connecting"), "-trouble")
        status.set_class(link.stopped, "-stopped")

    @property
    def status_text(self) -> str:
        """The status line as plain text."""
        return str(self.query_one("#status", Static).render())

    def say(self, message: str) -> None:
        """Put a reply or an error on the status line."""
        self.message = message
        self._show_status()

    # -- actions -------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.query_one(QuestionTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(QuestionTable).action_cursor_up()

    def action_focus_ask(self) -> None:
        self.query_one("#ask-input", Input).focus()

    def action_focus_queue(self) -> None:
        self.query_one(QuestionTable).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_focus_ask()

    def action_help(self) -> None:
        if not isinstance(self.screen, KeyHelp):
            self.push_screen(KeyHelp(keys_table(self.HELP_KEYS), intro=INTRO))

    def action_toggle_anonymous(self) -> None:
        if not self.mirror.settings.anonymous_allowed:
            self.say("anonymous questions are turned off in this session")
            return
        on_now = self.query_one(AskBar).toggle_anonymous()
        self.say(
            "your next question is anonymous" if on_now else "your next question shows your name"
        )

    def action_next_panelist(self) -> None:
        who = self.query_one(AskBar).next_panelist()
        self.say(f"your next question is for {who}")

    def action_toggle_vote(self) -> None:
        question_id = self.query_one(QuestionTable).selected_id
        if question_id is None:
            self.say("no question selected")
            return
        if question_id in self.mirror.my_votes:
            self._send(
                p.Unvote(question_id=question_id), f"you took back your vote on Q{question_id}"
            )
        else:
            self._send(p.Vote(question_id=question_id), f"you voted for Q{question_id}")

    def action_withdraw(self) -> None:
        question_id = self.query_one(QuestionTable).selected_id
        if question_id is None or question_id not in self.mirror.my_questions:
            self.say("select one of your own questions (marked mine) to withdraw it")
            return
        self._send(p.Withdraw(question_id=question_id), f"you withdrew Q{question_id}")

    @work(group="requests")
    async def _send(self, request: p.Request, done: str) -> None:
        reply = await self.link.request(request)
        self.say(done if isinstance(reply, p.Ok) else error_words(reply))

    @on(AskBar.Asked)
    def _asked(self, event: AskBar.Asked) -> None:
        if not self.link.connected:
            # short: the status line also says how many wait, and must fit 80 columns
            self.say("sent when the hub is back")
        self._ask(event.text, event.anonymous, event.panelist_id)

    @work(group="requests")
    async def _ask(self, text: str, anonymous: bool, panelist_id: int | None) -> None:
        self._show_status()
        reply = await self.link.ask(text, anonymous=anonymous, panelist_id=panelist_id)
        if isinstance(reply, p.Error):
            self.query_one(AskBar).restore(text)
            self.say(error_words(reply))
            return
        question = self.mirror.question(reply.id)
        pending = question is not None and question.status == "pending"
        self.say(f"sent: Q{reply.id} " + ("is awaiting approval" if pending else "is in the queue"))


def make_join_app(link: Link, *, start_link: bool = True) -> JoinApp:
    """The participant app as `panelhost join` builds it (tests use this too).

    The app runs the link itself unless `start_link` is False (the link already runs).
    """
    return JoinApp(link, start_link=start_link)
