"""The client link: one reconnecting WebSocket connection to a hub, feeding a `Mirror`.

Every client stands on it: the host TUI, the participant TUI, the plain line client,
the projector view, the demo's simulated participants and the benchmark's load generator.

Usage (docs/clients.md says what it does on every close code, refusal and outage)::

    link = Link(url, role="participant", code="K7Q-2M9", name="Ana")
    link.add_listener(lambda link, event: ...)  # a link_events.LinkEvent, typed and frozen
    task = asyncio.create_task(link.run())      # or a Textual @work worker
    await link.wait_until(lambda l: l.status == "connected", timeout=10)
    reply = await link.ask("How did you choose EM?")        # p.Ok (with .id) or p.Error
    reply = await link.request(p.Vote(question_id=3))       # any request; `ref` is automatic
    link.mirror.queue()                                     # the ranked queue, and so on
    await link.close()

The parts: `link_state.py` (settings, status, listeners), `link_events.py` (what the
listeners are told: StatusChanged, AsksWaiting, Welcomed, MirrorChanged, Notice),
`connection.py` (one connection from hello to close), `closing.py` (what its end means),
`inflight.py` (requests waiting for answers), `backoff.py`, `link_words.py` (its
sentences). No threads, one task per link.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import cast

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import (
    ConnectionClosed,
)

from panelhost import protocol as p
from panelhost.client.closing import TOO_LARGE, Next, after_close, after_lost
from panelhost.client.connection import (
    CONNECT_ERRORS,
    Lost,
    Refused,
    converse,
    open_connection,
)
from panelhost.client.link_events import (
    AsksWaiting,
    LinkStatus,
    MirrorChanged,
    Notice,
    Welcomed,
)
from panelhost.client.link_state import LinkState
from panelhost.client.link_words import (
    ENDED_SENTENCE,
    describe_connect_error,
    local_error,
)

log = logging.getLogger("panelhost.client")


class Link(LinkState):
    """A reconnecting connection to one hub and the mirror of what it shows this client."""

    # -- requests ------------------------------------------------------------------------

    async def request(self, request: p.Request) -> p.Ok | p.Error:
        """Send a request and wait for the hub's answer (`ok` or `error`)."""
        if self.stopped:
            return local_error(
                "session_ended" if self.status == "ended" else "unavailable",
                self.reason or "not connected",
            )
        if isinstance(request, p.Hello):
            return local_error("bad_request", "the link sends hello itself")
        pending = self._requests.prepare(request)
        ws = self._ws
        if ws is None or self.status != "connected":
            if not isinstance(request, p.Ask):
                return local_error(
                    "unavailable",
                    "not connected to the hub (reconnecting); try again shortly",
                    pending.request.ref,
                )
            self._requests.outbox.append(pending)
            self._notify(AsksWaiting(self.queued_asks))
            return await pending.future
        self._requests.sending(pending)
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encode(pending.request), text=True)
        # if the connection dropped, the reader moves this request on (resend or error)
        return await pending.future

    async def ask(
        self, text: str, *, anonymous: bool = False, panelist_id: int | None = None
    ) -> p.Ok | p.Error:
        """Ask a question; while disconnected it waits and is sent exactly once on reconnect."""
        return await self.request(p.Ask(text=text, anonymous=anonymous, panelist_id=panelist_id))

    async def vote(self, question_id: int) -> p.Ok | p.Error:
        return await self.request(p.Vote(question_id=question_id))

    async def unvote(self, question_id: int) -> p.Ok | p.Error:
        return await self.request(p.Unvote(question_id=question_id))

    async def withdraw(self, question_id: int) -> p.Ok | p.Error:
        return await self.request(p.Withdraw(question_id=question_id))

    async def close(self) -> None:
        """Leave: close the connection (1000) and stop `run()`; the identity stays on the hub."""
        if self.stopped:
            return
        self._closing = True
        self._woken.set()
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close(1000, "client leaving")
        if not self.stopped:
            self._finish("closed", "you left the session")

    # -- the connection loop -------------------------------------------------------------

    async def run(self) -> LinkStatus:
        """Stay connected until the link stops; returns the final status."""
        attempt = 0
        try:
            while not self.stopped and not self._closing:
                try:
                    ws = await open_connection(
                        self.url,
                        insecure=self.insecure,
                        open_timeout=self.open_timeout,
                        ping_interval=self.ping_interval,
                    )
                except CONNECT_ERRORS as exc:
                    if self.welcomes == 0:
                        self._finish("unreachable", describe_connect_error(exc, self.url))
                        break
                    self._set_status("reconnecting", describe_connect_error(exc, self.url))
                    await self._pause(attempt)
                    attempt += 1
                    continue
                welcomes_before = self.welcomes
                try:
                    again = await self._converse(ws)
                finally:
                    self._ws = None
                    self._carry_over()
                    if ws.state.name != "CLOSED":
                        with contextlib.suppress(Exception):
                            await ws.close()
                if not again:
                    continue
                if self.welcomes > welcomes_before:
                    attempt = 0
                await self._pause(attempt)
                attempt += 1
        finally:
            if not self.stopped:
                self._finish("closed", "you left the session")
        return self.status

    async def _pause(self, attempt: int) -> None:
        delay = self.backoff.delay(attempt, self._rng)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), delay)

    def _hello(self) -> p.Hello:
        return p.Hello(
            protocol=p.PROTOCOL_VERSION,
            role=self.role,
            code=self.code if self.role != "host" else None,
            key=self.key if self.role == "host" else None,
            name=self.name,
            token=self.token if self.role != "viewer" else None,
            revision=p.REVISION,
        )

    async def _converse(self, ws: ClientConnection) -> bool:
        """One connection, from hello to close; True when the link should reconnect."""
        self._refusal = None

        async def welcomed(welcome: p.Welcome) -> None:
            self._welcome(welcome)
            self._ws = ws
            await self._flush_outbox(ws)
            self._set_status("connected", None)

        def heard(message: p.ServerMessage) -> None:
            self._on_message(message)  # looked up for each frame: a test may intercept them

        ended = await converse(ws, self._hello(), self.open_timeout, welcomed, heard)
        if isinstance(ended, Refused):
            return self._refused_hello(ended.error)
        if isinstance(ended, Lost):
            return self._lost(ended.why)
        return self._closed(ended.code, ended.reason)

    def _welcome(self, welcome: p.Welcome) -> None:
        self.welcomes += 1
        if welcome.token is not None:
            self.token = welcome.token
        self.name = welcome.you.name
        self.mirror.load(welcome, time.monotonic())
        self._notify(Welcomed(self.welcomes))

    async def _flush_outbox(self, ws: ClientConnection) -> None:
        """Send the asks that waited for the connection, in the order they were made."""
        outbox = self._requests.outbox
        while outbox:
            pending = outbox.pop(0)
            self._requests.sending(pending)
            try:
                await ws.send(p.encode(pending.request), text=True)
            except ConnectionClosed:
                return

    def _on_message(self, message: p.ServerMessage) -> None:
        if isinstance(message, p.Ok | p.Error):
            self._on_answer(message)
        elif isinstance(message, p.Welcome):
            self._welcome(message)
        else:
            self.mirror.apply(message, time.monotonic())
            self._notify(MirrorChanged(message))

    def _on_answer(self, answer: p.Ok | p.Error) -> None:
        pending = self._requests.answered(answer)
        if pending is None:
            if isinstance(answer, p.Error):
                self.notice = answer
                self._refusal = answer
                self._notify(Notice(answer))
            return
        request = pending.request
        if isinstance(answer, p.Ok):
            if isinstance(request, p.Vote):
                self.mirror.note_vote(request.question_id, True)
            elif isinstance(request, p.Unvote):
                self.mirror.note_vote(request.question_id, False)
            elif isinstance(request, p.Ask) and answer.id is not None:
                self.mirror.note_asked(answer.id)
            elif isinstance(request, p.FollowUpRequest) and answer.id is not None:
                self.mirror.note_follow_up(answer.id, True)
            elif isinstance(request, p.FollowUpWithdraw):
                self.mirror.note_follow_up(request.follow_up_id, False)
        pending.settle(answer)
        self._notify(MirrorChanged(None))

    def _refused_hello(self, error: p.Error) -> bool:
        if error.code == "session_ended":
            self._finish("ended", ENDED_SENTENCE)
            return False
        if error.code == "bad_token" and self.welcomes == 0 and self.name and self.token:
            # a remembered identity this hub does not know: join afresh with the name
            self.token = None
            self.dropped_token = True
            return True
        if self.welcomes > 0 and error.code in ("unavailable", "server_full"):
            self._set_status("reconnecting", error.message)
            return True
        self._finish("refused", error.message)
        return False

    def _lost(self, why: str) -> bool:
        return self._go(after_lost(why, welcomed=self.welcomes > 0))

    def _closed(self, code: int, reason: str) -> bool:
        """Decide what a closed connection means; True to reconnect."""
        welcomed = self.welcomes > 0
        after = after_close(
            code, reason, leaving=self._closing, welcomed=welcomed, refusal=self._refusal
        )
        if code == TOO_LARGE and not self._closing:
            self._requests.fail_sent("too_long", "the hub refused a message as too large")
        return self._go(after)

    def _go(self, after: Next) -> bool:
        """Reconnect (True), or stop with the status `after` names."""
        if after.again:
            self._set_status("reconnecting", after.reason)
        else:
            self._finish(cast(LinkStatus, after.status), after.reason)
        return after.again

    def _carry_over(self) -> None:
        """After a connection is gone: asks in flight wait to be resent, the rest fail."""
        if self._requests.carry_over(self.stopped):
            self._notify(AsksWaiting(self.queued_asks))

    def _finish(self, status: LinkStatus, reason: str) -> None:
        self.reason = reason
        self._woken.set()
        self._requests.fail_all("session_ended" if status == "ended" else "unavailable", reason)
        self._set_status(status, reason)
