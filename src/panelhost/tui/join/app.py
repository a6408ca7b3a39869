"""The participant app (`panelhost join`): the ranked questions, voting, and an ask box."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.text import error_words
from panelhost.tui.join.ask import AskBar, AskInput
from panelhost.tui.join.base import JoinAppBase
from panelhost.tui.join.clock import CLOCK, Clock
from panelhost.tui.join.detail import ReadQuestion
from panelhost.tui.join.followup import (
    FollowUpAsked,
    FollowUpDialog,
    UnfollowAsked,
    UnfollowDialog,
    about_words,
)
from panelhost.tui.join.help import HELP_KEYS, INTRO, keys_table
from panelhost.tui.join.queue import QuestionTable
from panelhost.tui.widgets.keyhelp import KeyHelp


class JoinApp(JoinAppBase):
    """A participant's view of one session, over one client link.

    Focus starts in the ask box, where every printable key is text; `tab` goes to the
    list, where single keys act (QuestionTable.BINDINGS), and `tab` or `escape` comes back.
    """

    CSS_PATH = Path(__file__).with_name("join.tcss")
    TITLE = "panelhost join"
    ENABLE_COMMAND_PALETTE = False
    AUTO_FOCUS = "#ask-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        # ctrl keys that Textual's Input does not bind and terminals send as they are
        # (ctrl+a is Input's "home" and GNU screen's prefix); shown by the ask box
        Binding("ctrl+n", "toggle_anonymous", show=False, id="join.anonymous_anywhere"),
        Binding("ctrl+t", "next_panelist", show=False, id="join.to_panelist_anywhere"),
        Binding("f1", "help", "help", show=False, id="join.help_anywhere"),
        Binding("ctrl+q", "quit", "quit", show=False, id="join.quit"),
        # priority: the app takes tab before the keys typed after it reach a widget, so
        # `tab j space` typed at once moves and votes in the list (the box had them before);
        # each stands in the footer for the box's or the list's own tab (same action)
        Binding("tab", "app.focus_list", "questions", priority=True, id="join.tab_to_list"),
        Binding("tab", "app.focus_ask", "ask box", priority=True, id="join.tab_to_ask"),
    ]
    ENDED_ACTIONS = frozenset(
        {"toggle_vote", "withdraw", "toggle_anonymous", "next_panelist", "follow_up", "unfollow"}
    )
    """What the keys no longer do once the session has ended."""

    def __init__(self, link: Link, *, start_link: bool = True, clock: Clock = CLOCK) -> None:
        super().__init__(link, start_link=start_link, clock=clock)
        self.follow_up_about: dict[int, str] = {}
        """Follow-up id -> what it was about (`offer 2`), for F's choice."""

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """After the end, the keys that would change something are gone from the footer."""
        on_main = self.screen is self.screen_stack[0]  # dialogs keep their own tab
        in_box = isinstance(self.focused, AskInput)
        if action == "focus_list":
            return on_main and in_box
        if action == "focus_ask":
            return on_main and not in_box and not self.session_over
        if action in self.ENDED_ACTIONS:
            return not self.session_over
        return True

    # set_focus now, not widget.focus() (which waits its turn behind keys already typed)
    def action_focus_ask(self) -> None:
        self.screen.set_focus(self.query_one(AskInput))

    def action_focus_list(self) -> None:
        self.screen.set_focus(self.query_one(QuestionTable))

    def action_help(self) -> None:
        if not isinstance(self.screen, KeyHelp):  # the help, or a question read whole
            self.push_screen(KeyHelp(keys_table(HELP_KEYS), intro=INTRO))

    def action_read(self) -> None:
        words = self._selected_words()
        if words is None:
            self.say("no question selected")
        elif not isinstance(self.screen, KeyHelp):
            self.push_screen(ReadQuestion(words))

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

    def action_follow_up(self) -> None:
        if not self.mirror.panelists:
            self.say("there is no panelist to follow up with yet")
            return

        def asked(result: object) -> None:
            if isinstance(result, FollowUpAsked):
                self._send(result.request, "follow-up {id} sent: only the hosts see it")

        self.push_screen(FollowUpDialog(self.mirror), asked)

    def action_unfollow(self) -> None:
        if not self.mirror.my_follow_ups:
            self.say("you have no follow-up to withdraw")
            return

        def chosen(result: object) -> None:
            if isinstance(result, UnfollowAsked):
                n = result.follow_up_id
                self._send(p.FollowUpWithdraw(follow_up_id=n), f"follow-up {n} withdrawn")

        self.push_screen(UnfollowDialog(self.mirror.my_follow_ups, self.follow_up_about), chosen)

    @work(group="requests")
    async def _send(self, request: p.Request, done: str) -> None:
        if isinstance(request, p.Withdraw):  # before: the question's change comes first
            self.mirror.note_withdrawn(request.question_id)
        reply = await self.link.request(request)
        if isinstance(request, p.Withdraw):
            if not isinstance(reply, p.Ok):
                self.mirror.note_withdrawn(request.question_id, False)
            self.bridge.stale()
        if isinstance(reply, p.Ok) and isinstance(request, p.FollowUpRequest):
            # the student chooses among them by number and by what they were about (F)
            self.follow_up_about[reply.id or 0] = about_words(request)
            done = done.format(id=reply.id)
        self.say(done if isinstance(reply, p.Ok) else error_words(reply))

    @on(AskBar.Asked)
    def _asked(self, event: AskBar.Asked) -> None:
        if not self.link.connected:
            # short: the status line also says how many wait, and must fit 80 columns
            self.say(
                "sent once connected" if self.link.welcomes == 0 else "sent when the hub is back"
            )
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


def make_join_app(link: Link, *, start_link: bool = True, clock: Clock = CLOCK) -> JoinApp:
    """The participant app as `panelhost join` builds it (tests use this too).

    The app runs the link itself unless `start_link` is False (the link already runs).
    """
    return JoinApp(link, start_link=start_link, clock=clock)
