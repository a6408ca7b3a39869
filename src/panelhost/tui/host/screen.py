"""The host screen's keys: each action reads the selection and calls the controller
(controller.py) or opens a prompt (prompts.py). How it looks is layout.py.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.binding import BindingType
from textual.events import Key
from textual.screen import Screen

from panelhost import protocol as p
from panelhost.tui.host.bindings import HOST_ACTIONS, OTHER_KEYS
from panelhost.tui.host.controller import ADD_SECONDS, HostController
from panelhost.tui.host.dialogs import PickPanelistDialog
from panelhost.tui.host.footer import ListKind
from panelhost.tui.host.help import help_text
from panelhost.tui.host.layout import HostLayout
from panelhost.tui.host.offers import FollowUpsView
from panelhost.tui.host.options import HostOptions, HostStats
from panelhost.tui.host.prompts import (
    Prompt,
    add_panelist_prompt,
    edit_prompt,
    end_prompt,
    note_prompt,
    offer_prompt,
    remove_offer_prompt,
    remove_panelist_prompt,
    stage_prompt,
)
from panelhost.tui.keys import bindings
from panelhost.tui.widgets.keyhelp import KeyHelp
from panelhost.tui.widgets.queue import QuestionList

__all__ = ["HostScreen", "ListKind"]


class HostScreen(HostLayout):
    """Everything the host needs at a glance; every action is one key (see bindings.py)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(HOST_ACTIONS)

    def __init__(self, controller: HostController, options: HostOptions, stats: HostStats) -> None:
        super().__init__(controller, options, stats)
        self.digit_ahead: str | None = None
        """After enter, until the picker opens: "" waiting, or the digit typed meanwhile."""
        self._routed_here: deque[Key] = deque(maxlen=16)
        """The last keys that reached this screen (see `typed_ahead`)."""

    def on_key(self, event: Key) -> None:
        """Keys reach the screen in the order typed, before the list's enter opens the
        picker: a digit typed right after enter is kept for the picker."""
        self._routed_here.append(event)
        character = event.character or ""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, QuestionList) and focused.order:
            self.digit_ahead = ""  # the picker opens: action_stage takes what follows
        elif self.digit_ahead == "" and character.isdigit() and character != "0":
            self.digit_ahead = character
            event.stop()

    def typed_ahead(self, event: Key) -> bool:
        """True for a key routed to this screen's widgets that a dialog opened over since.

        Textual routes a key to the focused widget when it arrives, but looks up its
        binding only once it has bubbled back to the app, against the screen on top then:
        a key typed right behind the one that opened a dialog found no binding there and
        was lost (the second enter of `enter enter`). The app gives such a key to the dialog.
        """
        return self.app.screen is not self and any(e is event for e in self._routed_here)

    # -- lists ---------------------------------------------------------------------------

    def show_list(self, kind: ListKind) -> None:
        """Focus a list: the queue, or the lower list showing `kind`."""
        lists = self.question_lists
        if lists.show_list(kind):
            self.flush()  # the lower list's rows first, then its cursor comes back
            lists.restore_cursor()

    def action_next_list(self) -> None:
        self.show_list(self.question_lists.next_kind(1))

    def action_previous_list(self) -> None:
        self.show_list(self.question_lists.next_kind(-1))

    # -- actions -------------------------------------------------------------------------

    def open_dialog(self, dialog: Screen[Any], done: Any = None) -> None:
        """Open a dialog over the host screen, unless one is open already.

        A key typed ahead of a dialog (enter enter, in one burst from the terminal) may
        run its action again before the dialog is up: that must not stack a second one.
        """
        if self.app.screen is self:
            self.app.push_screen(dialog, done)

    def open_prompt(self, prompt: Prompt) -> None:
        self.open_dialog(*prompt)

    def _confirm(self, dialog: Screen[Any], done: Callable[[Any], None]) -> None:
        """A second question, over the dialog that asked the first."""
        self.app.push_screen(dialog, done)

    def need_selection(self, *allowed: str) -> p.Question | None:
        """The selected question if its status is one of `allowed`, else say why not."""
        question = self.selected()
        if question is None:
            self.controller.tell("Select a question first (up/down, tab for the other lists).")
            return None
        if allowed and question.status not in allowed:
            self.controller.tell(f"Q{question.id} is {question.status}: that does not apply to it.")
            return None
        return question

    @on(QuestionList.RowSelected)
    def row_chosen(self, event: QuestionList.RowSelected) -> None:
        """Enter (or a click on the selected row) puts the question on stage."""
        event.stop()
        self.action_stage()

    def action_stage(self) -> None:
        typed_ahead, self.digit_ahead = self.digit_ahead or None, None
        top = self.app.screen
        if isinstance(top, PickPanelistDialog) and top.stage:
            top.take_suggested()  # enter typed ahead: the picker's own enter
            return
        question = self.need_selection("pending", "open", "answering", "answered")
        if question is not None:
            self.open_prompt(stage_prompt(self.controller, question, typed_ahead, self._staged))

    def _staged(self, question_id: int, panelist_id: int | None) -> None:
        self.controller.spawn(self._put_on_stage(question_id, panelist_id))

    async def _put_on_stage(self, question_id: int, panelist_id: int | None) -> None:
        if await self.controller.put_on_stage(question_id, panelist_id):
            self.show_list("queue")
            self.lists()[0].select(question_id)

    def action_mark_answered(self) -> None:
        self.controller.mark_answered(self.selected())

    def action_clear_stage(self) -> None:
        self.controller.clear_stage()

    def action_approve(self) -> None:
        self.controller.approve(self.selected())

    def action_dismiss_question(self) -> None:
        question = self.need_selection("pending", "open", "answering", "answered")
        if question is not None:
            self.controller.dismiss(question)

    def action_restore(self) -> None:
        question = self.need_selection("dismissed", "answered")
        if question is not None:
            self.controller.restore(question)

    def action_edit(self) -> None:
        question = self.need_selection()
        if question is not None:
            self.open_prompt(edit_prompt(self.controller, question))

    def action_toggle_timer(self) -> None:
        self.controller.toggle_timer()

    def action_add_time(self) -> None:
        self.controller.add_time(ADD_SECONDS)

    def action_subtract_time(self) -> None:
        self.controller.add_time(-ADD_SECONDS)

    def action_restart_timer(self) -> None:
        self.controller.restart_timer()

    def action_reset_timer(self) -> None:
        self.controller.reset_timer()

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.app.notify(f"Bell at zero: {'on' if self.bell_on else 'off'}.")
        self.force_repaint()

    def action_add_panelist(self) -> None:
        self.open_prompt(add_panelist_prompt(self.controller))

    def action_remove_panelist(self) -> None:
        if not self.mirror.panelists:
            self.controller.tell("There are no panelists to remove.")
            return
        monotonic = self.options.clock.monotonic
        self.open_prompt(remove_panelist_prompt(self.controller, self._confirm, monotonic))

    def action_add_note(self) -> None:
        self.open_prompt(note_prompt(self.controller))

    def action_toggle_moderation(self) -> None:
        self.controller.toggle_moderation()

    def action_go_live(self) -> None:
        self.controller.go_live()

    def action_add_offer(self) -> None:
        if not self.mirror.panelists:
            self.controller.tell("Add a panelist first (p): an offer is a panelist's.")
            return
        self.open_prompt(offer_prompt(self.controller))

    def action_remove_offer(self) -> None:
        if not self.mirror.offers:
            self.controller.tell("There is no offer to take back.")
            return
        self.open_prompt(remove_offer_prompt(self.controller))

    def action_show_follow_ups(self) -> None:
        self.open_dialog(FollowUpsView(self.mirror))

    def action_end_session(self) -> None:
        self.open_prompt(end_prompt(self.controller))

    def action_open_projector(self) -> None:
        if self.options.projector is None:
            self.controller.tell(
                "The join code is not known here: start panelhost host with --code CODE "
                "to open the projector view."
            )
            return
        launched = self.options.projector()
        self.app.notify(launched.message, markup=False, timeout=30 if not launched.started else 5)

    def action_show_join_qr(self) -> None:
        """`w`: the page's join link as a big QR code."""
        link = self.options.join_link
        if not link:
            self.notify("No join link for browsers here: this hub's address is not known.")
            return
        from panelhost.tui.host.joinqr import JoinQRDialog

        self.app.push_screen(JoinQRDialog(link, self.options.join_command))

    def action_help(self) -> None:
        options = self.options
        text = help_text(HOST_ACTIONS, options.keymap, OTHER_KEYS, options.config_hint)
        self.open_dialog(KeyHelp(text, title="Keys"))
