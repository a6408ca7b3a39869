"""The host's requests: each action the screen takes becomes a request to the hub.

A plain object (the link, a way to tell the host, a way to run in the background): it
knows no screen. The hub's answer repaints the screen through the mirror; a refusal
becomes one notification in plain words.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from textual.notifications import SeverityLevel

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.mirror import Mirror
from panelhost.tui.host.panel import suggest_panelist

ADD_SECONDS = 30
"""What `+` and `-` add to or take from the timer."""
ENDED_ANYWAY_S = 10.0
"""How long an `end` whose answer was lost waits for the link to learn the outcome."""

Notify = Callable[[str, SeverityLevel], None]
"""Say one plain-text sentence to the host (never markup)."""
Spawn = Callable[[Coroutine[Any, Any, Any]], object]
"""Run a coroutine in the background (the app's workers: a failure is one notification)."""


class HostController:
    """Sends the host's requests through the link and says what the hub refused."""

    def __init__(self, link: Link, notify: Notify, spawn: Spawn) -> None:
        self.link = link
        self.notify = notify
        self.spawn = spawn

    @property
    def mirror(self) -> Mirror:
        return self.link.mirror

    # -- sending -------------------------------------------------------------------------

    def send(self, request: p.Request, what: str, done: str | None = None) -> None:
        """Send a request in the background; a refusal becomes one readable notification."""
        self.spawn(self.request(request, what, done))

    async def request(self, request: p.Request, what: str, done: str | None = None) -> p.Ok | None:
        """Send a request and wait: the `ok`, or None once a refusal was said."""
        answer = await self.link.request(request)
        if isinstance(answer, p.Error):
            self.notify(f"Could not {what}: {answer.message}", "error")
            return None
        if done:
            self.notify(done, "information")
        return answer

    def tell(self, message: str) -> None:
        """Why a key did nothing."""
        self.notify(message, "warning")

    # -- stage ---------------------------------------------------------------------------

    def suggested_panelist(self, question: p.Question | None) -> int | None:
        """Who answers unless the host picks (see `suggest_panelist` for the order)."""
        return suggest_panelist(self.mirror, question).panelist_id

    async def put_on_stage(self, question_id: int, panelist_id: int | None) -> bool:
        """Put a question on stage for a panelist and start their answer timer; True if done."""
        mirror = self.mirror
        question = mirror.question(question_id)
        if question is None:
            return False
        answering = question.status == "answering"
        moving = answering and mirror.now.panelist_id != panelist_id
        # the hub does not move an answering question to another panelist: clear, then set
        if moving and await self.request(p.SetNow(), "clear the stage") is None:
            return False
        if not answering or moving:
            # the hub starts the panelist's timer in the same change (set_now's `timer`)
            request = p.SetNow(question_id=question_id, panelist_id=panelist_id)
            return await self.request(request, f"put Q{question_id} on stage") is not None
        # the same panelist again: a fresh timer
        restart = p.TimerRequest(action="start", panelist_id=panelist_id)
        await self.request(restart, "start the timer")
        return True

    def mark_answered(self, selected: p.Question | None) -> None:
        """The selected open question, else the one on stage."""
        question = selected
        if question is None or question.status not in ("open", "answering"):
            question = self.mirror.on_stage()
        if question is None:
            self.tell("Select an open question, or put one on stage first.")
            return
        # the hub ends the answer (timer idle, naming nobody) when it leaves the stage
        self.send(p.MarkAnswered(question_id=question.id), f"mark Q{question.id} answered")

    def clear_stage(self) -> None:
        if self.mirror.now.question_id is None and self.mirror.now.panelist_id is None:
            self.tell("Nothing is on stage.")
            return
        self.send(p.SetNow(), "clear the stage")  # the hub stops the timer

    # -- queue ---------------------------------------------------------------------------

    def approve(self, selected: p.Question | None) -> None:
        """The selected pending question, else the first one waiting."""
        question = selected
        if question is None or question.status != "pending":
            pending = self.mirror.pending()
            if not pending:
                self.tell("No question is waiting for approval.")
                return
            question = pending[0]
        self.send(p.Approve(question_id=question.id), f"approve Q{question.id}")

    def dismiss(self, question: p.Question) -> None:
        self.send(p.Dismiss(question_id=question.id), f"dismiss Q{question.id}")

    def restore(self, question: p.Question) -> None:
        """A dismissed question back to the queue; an answered one reopened."""
        if question.status == "dismissed":
            self.send(p.Restore(question_id=question.id), f"restore Q{question.id}")
        else:
            self.send(p.Reopen(question_id=question.id), f"reopen Q{question.id}")

    def edit(self, question: p.Question, text: str) -> None:
        if text != question.text:
            self.send(p.Edit(question_id=question.id, text=text), f"edit Q{question.id}")

    # -- timer ---------------------------------------------------------------------------

    def toggle_timer(self) -> None:
        state = self.mirror.timer.state
        if state == "running":
            self.send(p.TimerRequest(action="pause"), "pause the timer")
        elif state == "paused":
            self.send(p.TimerRequest(action="resume"), "resume the timer")
        else:
            self.restart_timer()

    def add_time(self, seconds: int) -> None:
        if self.mirror.timer.state == "idle":
            self.tell("The timer is not running: t starts it.")
            return
        self.send(p.TimerRequest(action="add", seconds=seconds), "change the time")

    def restart_timer(self) -> None:
        speaker = self.mirror.speaker()
        panelist_id = speaker.id if speaker is not None else self.suggested_panelist(None)
        self.send(p.TimerRequest(action="start", panelist_id=panelist_id), "start the timer")

    def reset_timer(self) -> None:
        self.send(p.TimerRequest(action="reset"), "stop the timer")

    # -- settings and session ------------------------------------------------------------

    def toggle_moderation(self) -> None:
        moderation = not self.mirror.settings.moderation
        self.send(
            p.SettingsRequest(moderation=moderation),
            "change moderation",
            "Moderation on: new questions wait for approval (a)."
            if moderation
            else "Moderation off: new questions go straight to the queue.",
        )

    def go_live(self) -> None:
        session = self.mirror.session
        if session is None or session.status != "open_for_questions":
            self.tell("The session is live already: L starts a session open for questions.")
            return
        self.send(p.GoLive(), "go live", "Live: the panel has started; the stage and timer work.")

    async def end_session(self) -> bool:
        """Send `end`; the hub's `session ended` then shows where the transcript is."""
        was_connected = self.link.connected
        answer = await self.link.request(p.End())
        if isinstance(answer, p.Error) and not (was_connected and await self._ended_anyway()):
            self.notify(f"Could not end the session: {answer.message}", "error")
            return False
        return True

    async def _ended_anyway(self) -> bool:
        """Whether the session ended though `end` was answered with an error.

        A hub that ends the session closes every connection, and a host reading slowly (a
        busy screen in a vote storm) can lose the `ok` with it. Once the link settles, it
        knows: its reconnect is refused as ended, or it is back on a live session.
        """
        link = self.link
        with contextlib.suppress(TimeoutError):
            await link.wait_until(lambda link: link.stopped or link.connected, ENDED_ANYWAY_S)
        return self.mirror.ended or link.status == "ended"
