"""The host screen's actions: each key becomes a request to the hub (the hub's answer repaints)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from panelhost import protocol as p
from panelhost.client.text import printable
from panelhost.tui.host.bindings import HOST_ACTIONS, OTHER_KEYS
from panelhost.tui.host.dialogs import ConfirmDialog, Pick, PickPanelistDialog, TextDialog
from panelhost.tui.host.help import help_text
from panelhost.tui.host.panel import removal_warning, suggest_panelist
from panelhost.tui.widgets.keyhelp import KeyHelp

if TYPE_CHECKING:
    from textual.screen import Screen

    from panelhost.client.mirror import Mirror
    from panelhost.tui.host.app import HostApp
    from panelhost.tui.host.screen import ListKind
    from panelhost.tui.widgets.queue import QuestionList

ADD_SECONDS = 30
"""What `+` and `-` add to or take from the timer."""

ERROR_VERBS = {
    "invalid_state": "not possible now",
    "not_found": "no such question",
    "too_long": "too long",
    "unavailable": "the hub is not reachable",
    "session_ended": "the session has ended",
}


class HostRequests:
    """Mixed into `HostScreen`: one method per action, sending requests through the link."""

    if TYPE_CHECKING:

        @property
        def host(self) -> HostApp: ...
        def selected(self) -> p.Question | None: ...
        def lists(self) -> tuple[QuestionList, QuestionList]: ...
        def show_list(self, kind: ListKind) -> None: ...
        def flush(self) -> None: ...

        digit_ahead: str | None

    @property
    def mirror(self) -> Mirror:
        return self.host.link.mirror

    # -- sending -------------------------------------------------------------------------

    def send(self, request: p.Request, what: str, done: str | None = None) -> None:
        """Send a request in the background; a refusal becomes one readable notification."""
        self.host.run_worker(self._send(request, what, done), group="requests")

    async def _send(self, request: p.Request, what: str, done: str | None) -> p.Ok | None:
        answer = await self.host.link.request(request)
        if isinstance(answer, p.Error):
            self.host.notify(f"Could not {what}: {answer.message}", markup=False, severity="error")
            return None
        if done:
            self.host.notify(done, markup=False)
        return answer

    def open_dialog(self, dialog: Screen[Any], done: Callable[[Any], None] | None = None) -> None:
        """Open a dialog over the host screen, unless one is open already.

        A key typed ahead of a dialog (enter enter, in one burst from the terminal) may
        run its action again before the dialog is up: that must not stack a second one.
        """
        if self.host.screen is self:
            self.host.push_screen(dialog, done)

    def tell(self, message: str) -> None:
        self.host.notify(message, markup=False, severity="warning")

    def need_selection(self, *allowed: str) -> p.Question | None:
        """The selected question if its status is one of `allowed`, else say why not."""
        question = self.selected()
        if question is None:
            self.tell("Select a question first (up/down, tab for the other lists).")
            return None
        if allowed and question.status not in allowed:
            self.tell(f"Q{question.id} is {question.status}: that does not apply to it.")
            return None
        return question

    # -- stage ---------------------------------------------------------------------------

    def suggested_panelist(self, question: p.Question | None) -> int | None:
        """Who answers unless the host picks (see `suggest_panelist` for the order)."""
        return suggest_panelist(self.mirror, question).panelist_id

    def action_stage(self) -> None:
        typed_ahead, self.digit_ahead = self.digit_ahead or None, None
        top = self.host.screen
        if isinstance(top, PickPanelistDialog) and top.stage:
            top.take_suggested()  # enter typed ahead: the picker's own enter
            return
        question = self.need_selection("pending", "open", "answering", "answered")
        if question is None:
            return
        panelists = list(self.mirror.panelists.values())
        suggestion = suggest_panelist(self.mirror, question)
        dialog = PickPanelistDialog(
            f"Q{question.id} on stage: who answers? (1-9, enter: the one marked)",
            panelists,
            suggestion.panelist_id,
            stage=True,
            reason=suggestion.reason,
            typed_ahead=typed_ahead,
        )

        def picked(result: object) -> None:
            if isinstance(result, Pick):
                self.host.run_worker(self.put_on_stage(question.id, result.panelist_id))

        self.open_dialog(dialog, picked)

    async def put_on_stage(self, question_id: int, panelist_id: int | None) -> None:
        """Put a question on stage for a panelist and start their answer timer."""
        mirror = self.mirror
        question = mirror.question(question_id)
        if question is None:
            return
        answering = question.status == "answering"
        moving = answering and mirror.now.panelist_id != panelist_id
        # the hub does not move an answering question to another panelist: clear, then set
        if moving and await self._send(p.SetNow(), "clear the stage", None) is None:
            return
        if not answering or moving:
            # the hub starts the panelist's timer in the same change (set_now's `timer`)
            request = p.SetNow(question_id=question_id, panelist_id=panelist_id)
            if await self._send(request, f"put Q{question_id} on stage", None) is None:
                return
        else:  # the same panelist again: a fresh timer
            restart = p.TimerRequest(action="start", panelist_id=panelist_id)
            await self._send(restart, "start the timer", None)
        self.show_list("queue")
        self.lists()[0].select(question_id)

    def action_mark_answered(self) -> None:
        question = self.selected()
        on_stage = self.mirror.on_stage()
        if question is None or question.status not in ("open", "answering"):
            question = on_stage
        if question is None:
            self.tell("Select an open question, or put one on stage first.")
            return
        self.host.run_worker(self._mark_answered(question))

    async def _mark_answered(self, question: p.Question) -> None:
        # the hub ends the answer (timer idle, naming nobody) when it leaves the stage
        request = p.MarkAnswered(question_id=question.id)
        await self._send(request, f"mark Q{question.id} answered", None)

    def action_clear_stage(self) -> None:
        if self.mirror.now.question_id is None and self.mirror.now.panelist_id is None:
            self.tell("Nothing is on stage.")
            return
        self.host.run_worker(self._clear_stage())

    async def _clear_stage(self) -> None:
        await self._send(p.SetNow(), "clear the stage", None)  # the hub stops the timer

    # -- queue ---------------------------------------------------------------------------

    def action_approve(self) -> None:
        question = self.selected()
        if question is None or question.status != "pending":
            pending = self.mirror.pending()
            if not pending:
                self.tell("No question is waiting for approval.")
                return
            question = pending[0]
        self.send(p.Approve(question_id=question.id), f"approve Q{question.id}")

    def action_dismiss_question(self) -> None:
        question = self.need_selection("pending", "open", "answering", "answered")
        if question is not None:
            self.send(p.Dismiss(question_id=question.id), f"dismiss Q{question.id}")

    def action_restore(self) -> None:
        question = self.need_selection("dismissed", "answered")
        if question is None:
            return
        if question.status == "dismissed":
            self.send(p.Restore(question_id=question.id), f"restore Q{question.id}")
        else:
            self.send(p.Reopen(question_id=question.id), f"reopen Q{question.id}")

    def action_edit(self) -> None:
        question = self.need_selection()
        if question is None:
            return
        dialog = TextDialog(
            f"Edit Q{question.id} (same id and votes)",
            value=question.text,
            max_length=self.mirror.settings.max_question_chars,
        )

        def edited(text: object) -> None:
            if isinstance(text, str) and text != question.text:
                self.send(p.Edit(question_id=question.id, text=text), f"edit Q{question.id}")

        self.open_dialog(dialog, edited)

    # -- timer ---------------------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        state = self.mirror.timer.state
        if state == "running":
            self.send(p.TimerRequest(action="pause"), "pause the timer")
        elif state == "paused":
            self.send(p.TimerRequest(action="resume"), "resume the timer")
        else:
            self.action_restart_timer()

    def _add(self, seconds: int) -> None:
        if self.mirror.timer.state == "idle":
            self.tell("The timer is not running: t starts it.")
            return
        self.send(p.TimerRequest(action="add", seconds=seconds), "change the time")

    def action_add_time(self) -> None:
        self._add(ADD_SECONDS)

    def action_subtract_time(self) -> None:
        self._add(-ADD_SECONDS)

    def action_restart_timer(self) -> None:
        speaker = self.mirror.speaker()
        panelist_id = speaker.id if speaker is not None else self.suggested_panelist(None)
        self.send(p.TimerRequest(action="start", panelist_id=panelist_id), "start the timer")

    def action_reset_timer(self) -> None:
        self.send(p.TimerRequest(action="reset"), "stop the timer")

    def action_toggle_bell(self) -> None:
        self.host.bell_on = not self.host.bell_on
        self.host.notify(f"Bell at zero: {'on' if self.host.bell_on else 'off'}.")
        self.force_repaint()

    def force_repaint(self) -> None:
        """Repaint everything on the next flush, even if the mirror did not change."""
        self._painted_version = -1

    # -- panel ---------------------------------------------------------------------------

    def action_add_panelist(self) -> None:
        dialog = TextDialog(
            "Add a panelist: name, then optionally a comma and a title",
            placeholder="Dr. Osei, Pediatric EM fellow",
            max_length=162,
        )

        def added(text: object) -> None:
            if isinstance(text, str):
                name, _, title = text.partition(",")
                request = p.PanelistAdd(name=name.strip(), title=title.strip() or None)
                self.send(request, "add the panelist", f"{name.strip()} joined the panel.")

        self.open_dialog(dialog, added)

    def action_remove_panelist(self) -> None:
        panelists = list(self.mirror.panelists.values())
        if not panelists:
            self.tell("There are no panelists to remove.")
            return
        dialog = PickPanelistDialog(
            "Remove which panelist? (1-9, escape cancels)", panelists, None, allow_none=False
        )

        def picked(result: object) -> None:
            panelist = self.mirror.panelist(
                result.panelist_id if isinstance(result, Pick) else None
            )
            if panelist is None:
                return
            remove = p.PanelistRemove(panelist_id=panelist.id)
            spoken = self.mirror.spoken_ms(panelist.id, self.host.options.clock.monotonic())
            warning = removal_warning(panelist, spoken)
            if warning is None:
                self.send(remove, "remove the panelist")
                return

            def confirmed(yes: object) -> None:
                if yes is True:
                    self.send(remove, "remove the panelist")

            question = f"Remove {printable(panelist.name)} from the panel?"
            self.host.push_screen(ConfirmDialog(question, warning, "Remove"), confirmed)

        self.open_dialog(dialog, picked)

    # -- notes, settings, session ----------------------------------------------------------

    def action_add_note(self) -> None:
        on_stage = self.mirror.on_stage()
        where = f"on Q{on_stage.id}" if on_stage is not None else "(general)"
        dialog = TextDialog(
            f"Note {where}",
            max_length=2000,
            checkbox="general note, not bound to the question" if on_stage else None,
            placeholder="what was said, to keep in the transcript",
        )

        def written(result: object) -> None:
            if isinstance(result, tuple):
                text, general = result
            elif isinstance(result, str):
                text, general = result, True
            else:
                return
            question_id = None if general or on_stage is None else on_stage.id
            self.send(p.NoteRequest(text=text, question_id=question_id), "save the note")

        self.open_dialog(dialog, written)

    def action_toggle_moderation(self) -> None:
        moderation = not self.mirror.settings.moderation
        self.send(
            p.SettingsRequest(moderation=moderation),
            "change moderation",
            "Moderation on: new questions wait for approval (a)."
            if moderation
            else "Moderation off: new questions go straight to the queue.",
        )

    def action_go_live(self) -> None:
        session = self.mirror.session
        if session is None or session.status != "open_for_questions":
            self.tell("The session is live already: L starts a session open for questions.")
            return
        self.send(p.GoLive(), "go live", "Live: the panel has started; the stage and timer work.")

    def action_end_session(self) -> None:
        dialog = ConfirmDialog(
            "End the session for everyone?",
            "Participants are disconnected and the transcript is saved.",
            "End session",
        )

        def confirmed(result: object) -> None:
            if result is True:
                self.host.run_worker(self.host.end_session(), group="end")

        self.open_dialog(dialog, confirmed)

    def action_open_projector(self) -> None:
        from panelhost.tui.screen.launch import open_screen_window

        target = join_target(self.host.options.join_command)
        if target is None:
            self.host.notify(
                "The join code is not known here: start panelhost host with --code CODE "
                "to open the projector view.",
                markup=False,
                severity="warning",
            )
            return
        address, code = target
        launched = open_screen_window(self.host.link.url, code, join_address=address)
        self.host.notify(launched.message, markup=False, timeout=30 if not launched.started else 5)

    def action_help(self) -> None:
        options = self.host.options
        text = help_text(HOST_ACTIONS, options.keymap, OTHER_KEYS, options.config_hint)
        self.open_dialog(KeyHelp(text, title="Keys"))


def join_target(join_command: str | None) -> tuple[str, str] | None:
    """`panelhost join ADDRESS CODE` -> (ADDRESS, CODE); None when the code is not known."""
    words = (join_command or "").split()
    if len(words) < 4 or words[:2] != ["panelhost", "join"] or words[-1].startswith("<"):
        return None
    return words[-2], words[-1]
