"""The client link: one reconnecting WebSocket connection to a hub, feeding a `Mirror`.

Every client stands on it: the host TUI, the participant TUI, the plain line client,
the projector view, the demo's simulated participants and the benchmark's load generator.

Usage::

    link = Link(url, role="participant", code="K7Q-2M9", name="Ana")
    link.add_listener(lambda link, what: ...)   # "status" | "welcome" | "change" | "notice"
    task = asyncio.create_task(link.run())      # or a Textual @work worker
    await link.wait_until(lambda l: l.status == "connected", timeout=10)
    reply = await link.ask("How did you choose EM?")        # p.Ok (with .id) or p.Error
    reply = await link.request(p.Vote(question_id=3))       # any request; `ref` is automatic
    link.mirror.queue()                                     # the ranked queue, and so on
    await link.close()

- `run()` connects, says hello, loads the welcome into `link.mirror`, applies every change,
  and returns the final status when the link stops. On close codes 1001, 1006, 1011 (and
  1012-1014) it reconnects with exponential backoff and jitter, resumes with its token and
  reloads the mirror from the new welcome. It stops on 1000 (`ended`), on 1008 or a refused
  hello (`refused`; `reason` is the hub's error sentence), on 4000 (`replaced`), when the
  first connection fails (`unreachable`), or after `close()` (`closed`).
- `request(msg)` gives the request a `ref`, sends it and waits for its `ok` or `error`.
  When the hub acknowledges a vote, unvote or ask, the mirror's `my_votes` and
  `my_questions` are updated. A request made while the link is down gets an `unavailable`
  error at once, except `ask`: it gets a nonce and waits in the outbox, and is sent once on
  reconnect; an ask in flight when the connection drops is resent with the same nonce, and
  the hub answers a repeated nonce with the first question's id, so it arrives exactly once.
- Listeners are plain callables `(link, what)` called on the event loop after the change is
  applied; keep them cheap (set a flag, post a message) and repaint from `mirror.version`
  at a bounded rate. `wait_until(predicate, timeout)` waits for a condition on the link.
- No threads, one task per link: hundreds of links fit in one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import secrets
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidMessage,
    InvalidStatus,
    InvalidURI,
)

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import inert, printable

log = logging.getLogger("panelhost.client")

LinkStatus = Literal[
    "connecting",
    "connected",
    "reconnecting",
    "ended",
    "refused",
    "replaced",
    "unreachable",
    "closed",
]
FINAL_STATUSES: frozenset[str] = frozenset(
    {"ended", "refused", "replaced", "unreachable", "closed"}
)
"""Statuses after which the link has stopped for good."""

RECONNECT_CODES = frozenset({1001, 1006, 1011, 1012, 1013, 1014})
"""Close codes after which the link reconnects and resumes (PROTOCOL.md "Closing")."""

Listener = Callable[["Link", str], None]
"""Called as `listener(link, what)`; `what` is "status", "welcome", "change" or "notice"."""

ENDED_SENTENCE = "the session has ended"
REPLACED_SENTENCE = "this connection was replaced: you joined again from another terminal or window"


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with jitter between reconnect attempts."""

    first_s: float = 0.25
    factor: float = 2.0
    max_s: float = 8.0
    jitter: float = 0.5
    """Each delay is cut by a random fraction up to this, so clients do not return in step."""

    def delay(self, attempt: int, rng: random.Random) -> float:
        base = min(self.max_s, self.first_s * self.factor ** min(attempt, 30))
        return base * (1.0 - self.jitter * rng.random())


class _Pending:
    __slots__ = ("future", "request")

    def __init__(self, request: p.Request, future: asyncio.Future[p.Ok | p.Error]) -> None:
        self.request = request
        self.future = future


def local_error(code: p.ErrorCode, message: str, ref: str | int | None = None) -> p.Error:
    """An error made by the client itself (never sent by the hub), in the hub's form."""
    return p.Error(ref=ref, code=code, message=message)


class Link:
    """A reconnecting connection to one hub and the mirror of what it shows this client."""

    def __init__(
        self,
        url: str,
        *,
        role: p.Role = "participant",
        name: str | None = None,
        code: str | None = None,
        key: str | None = None,
        token: str | None = None,
        insecure: bool = False,
        backoff: Backoff | None = None,
        open_timeout: float = 10.0,
        ping_interval: float | None = 20.0,
        mirror: Mirror | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.url = url
        self.role: p.Role = role
        self.name = name
        self.code = code
        self.key = key
        self.token = token
        """The resume token: given, or from the first welcome."""
        self.insecure = insecure
        self.backoff = backoff or Backoff()
        self.open_timeout = open_timeout
        self.ping_interval = ping_interval
        self.mirror = mirror or Mirror()
        self.status: LinkStatus = "connecting"
        self.reason: str | None = None
        """One sentence: why the link stopped, or why it is reconnecting."""
        self.notice: p.Error | None = None
        """The last error from the hub that answered no request of ours."""
        self.welcomes = 0
        """How many welcomes arrived: 1 after joining, more after each resync."""
        self.last_change: p.Change | None = None
        """The change frame just applied, while listeners hear "change" (None for answers)."""
        self.dropped_token = False
        """True when a remembered token was refused and the link joined afresh."""
        self._rng = rng or random.Random()
        self._listeners: list[Listener] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._ws: ClientConnection | None = None
        self._refs = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._outbox: list[_Pending] = []
        self._closing = False
        self._woken = asyncio.Event()
        self._refusal: p.Error | None = None

    # -- for UIs -------------------------------------------------------------------------

    @property
    def you(self) -> p.You | None:
        return self.mirror.you

    @property
    def connected(self) -> bool:
        return self.status == "connected"

    @property
    def stopped(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def queued_asks(self) -> int:
        """Asks waiting to be sent when the link is back."""
        return len(self._outbox)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    async def wait_until(self, predicate: Callable[[Link], bool], timeout: float) -> None:
        """Wait until `predicate(link)` holds (checked after every change); TimeoutError if not."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate(self):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"link condition not met within {timeout} s ({self.status})")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, remaining)

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
        ref = next(self._refs)
        if isinstance(request, p.Ask) and request.nonce is None:
            request = msgspec.structs.replace(request, nonce=secrets.token_urlsafe(16))
        request = msgspec.structs.replace(request, ref=ref)
        future: asyncio.Future[p.Ok | p.Error] = asyncio.get_running_loop().create_future()
        pending = _Pending(request, future)
        ws = self._ws
        if ws is None or self.status != "connected":
            if not isinstance(request, p.Ask):
                return local_error(
                    "unavailable", "not connected to the hub (reconnecting); try again shortly", ref
                )
            self._outbox.append(pending)
            self._notify("status")
            return await future
        self._pending[ref] = pending
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encode(request), text=True)
        # if the connection dropped, the reader moves this request on (resend or error)
        return await future

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
                    ws = await connect(
                        self.url,
                        ssl=self._tls(),
                        open_timeout=self.open_timeout,
                        ping_interval=self.ping_interval,
                        ping_timeout=self.ping_interval,
                        close_timeout=2,
                        max_size=64 * 1024 * 1024,
                        compression=None,
                        user_agent_header=None,
                    )
                except (OSError, TimeoutError, InvalidHandshake, InvalidURI, ssl.SSLError) as exc:
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

    def _tls(self) -> ssl.SSLContext | None:
        if not self.url.lower().startswith("wss:"):
            return None
        context = ssl.create_default_context()
        if self.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

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
        try:
            await ws.send(p.encode(self._hello()), text=True)
        except ConnectionClosed:
            return self._closed(ws)
        try:
            async with asyncio.timeout(self.open_timeout):
                first = await ws.recv()
        except TimeoutError:
            return self._lost(ws, "the hub did not answer hello in time")
        except ConnectionClosed:
            return self._closed(ws)
        message = _decode(first)
        if isinstance(message, p.Error):
            return self._refused_hello(message)
        if not isinstance(message, p.Welcome):
            return self._lost(ws, "the hub did not answer hello with welcome")
        self._welcome(message)
        self._ws = ws
        await self._flush_outbox(ws)
        self._set_status("connected", None)
        try:
            async for raw in ws:
                self._on_frame(raw)
        except ConnectionClosed:
            pass
        return self._closed(ws)

    def _welcome(self, welcome: p.Welcome) -> None:
        self.welcomes += 1
        if welcome.token is not None:
            self.token = welcome.token
        self.name = welcome.you.name
        self.mirror.load(welcome, time.monotonic())
        self._notify("welcome")

    async def _flush_outbox(self, ws: ClientConnection) -> None:
        """Send the asks that waited for the connection, in the order they were made."""
        while self._outbox:
            pending = self._outbox.pop(0)
            ref = pending.request.ref
            assert isinstance(ref, int)
            self._pending[ref] = pending
            try:
                await ws.send(p.encode(pending.request), text=True)
            except ConnectionClosed:
                return

    def _on_frame(self, raw: str | bytes) -> None:
        message = _decode(raw)
        if message is None:
            return
        if isinstance(message, p.Ok | p.Error):
            self._on_answer(message)
        elif isinstance(message, p.Welcome):
            self._welcome(message)
        else:
            self.mirror.apply(message, time.monotonic())
            self.last_change = message
            self._notify("change")

    def _on_answer(self, answer: p.Ok | p.Error) -> None:
        pending = self._pending.pop(answer.ref, None) if isinstance(answer.ref, int) else None
        if pending is None:
            if isinstance(answer, p.Error):
                self.notice = answer
                self._refusal = answer
                self._notify("notice")
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
        if not pending.future.done():
            pending.future.set_result(answer)
        self.last_change = None
        self._notify("change")

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

    def _lost(self, ws: ClientConnection, why: str) -> bool:
        if self.welcomes == 0:
            self._finish("unreachable", why)
            return False
        self._set_status("reconnecting", why)
        return True

    def _closed(self, ws: ClientConnection) -> bool:
        """Decide what a closed connection means; True to reconnect."""
        code = ws.close_code if ws.close_code is not None else 1006
        reason = printable(ws.close_reason or "")
        if self._closing:
            self._finish("closed", "you left the session")
            return False
        if code == 1000:
            self._finish("ended", ENDED_SENTENCE)
            return False
        if code == 4000:
            self._finish("replaced", REPLACED_SENTENCE)
            return False
        if code == 1008:
            why = self._refusal.message if self._refusal is not None else reason
            self._finish("refused", f"the hub closed the connection: {why or 'policy'}")
            return False
        if code == 1009:
            self._fail_in_flight("too_long", "the hub refused a message as too large")
        if code in RECONNECT_CODES or code == 1009:
            if self.welcomes == 0:
                self._finish("unreachable", f"the hub closed the connection (code {code})")
                return False
            self._set_status("reconnecting", "connection lost; reconnecting…")
            return True
        detail = f"code {code}" + (f": {reason}" if reason else "")
        self._finish("refused", f"the hub closed the connection ({detail})")
        return False

    def _carry_over(self) -> None:
        """After a connection is gone: asks in flight wait to be resent, the rest fail."""
        if not self._pending:
            return
        in_flight = sorted(self._pending.items())
        self._pending = {}
        resend = []
        for _ref, pending in in_flight:
            if isinstance(pending.request, p.Ask) and not self.stopped:
                resend.append(pending)
            elif not pending.future.done():
                pending.future.set_result(
                    local_error(
                        "unavailable",
                        "the connection dropped before the hub answered; check and try again",
                        pending.request.ref,
                    )
                )
        self._outbox[:0] = resend
        if resend:
            self._notify("status")

    def _fail_in_flight(self, code: p.ErrorCode, message: str) -> None:
        for pending in self._pending.values():
            if not pending.future.done():
                pending.future.set_result(local_error(code, message, pending.request.ref))
        self._pending = {}

    def _finish(self, status: LinkStatus, reason: str) -> None:
        self.reason = reason
        self._woken.set()
        code: p.ErrorCode = "session_ended" if status == "ended" else "unavailable"
        for pending in [*self._pending.values(), *self._outbox]:
            if not pending.future.done():
                pending.future.set_result(local_error(code, reason, pending.request.ref))
        self._pending = {}
        self._outbox = []
        self._set_status(status, reason)

    def _set_status(self, status: LinkStatus, reason: str | None) -> None:
        self.reason = reason
        if status != self.status:
            self.status = status
            self._notify("status")

    def _notify(self, what: str) -> None:
        for listener in list(self._listeners):
            try:
                listener(self, what)
            except Exception:  # a broken view must not break the link
                log.exception("link listener failed")
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)


def _decode(raw: str | bytes) -> p.ServerMessage | None:
    """The one way hub frames come in: decoded, then every string in it made printable."""
    try:
        message = p.decode_server(raw)
    except p.DecodeError as exc:  # a newer hub's message: skip it
        log.debug("skipping a frame this client does not understand: %s", exc)
        return None
    return inert(message)


PLAIN_REPLY_TO_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG")
"""OpenSSL's reasons when what came back to a TLS hello was not TLS (say, HTTP)."""


def describe_connect_error(exc: BaseException, url: str) -> str:
    """One sentence for a failed connection attempt, saying what to check."""
    parts = urlsplit(url)
    where = parts.netloc or url
    if isinstance(exc, InvalidStatus):
        status = exc.response.status_code
        return f"{where} answered HTTP {status}: it is not a panelhost hub at {parts.path or '/'}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"cannot verify the certificate of {where} ({exc.verify_message}); "
            "use --insecure only if you trust this network"
        )
    secure = parts.scheme.lower() == "wss"
    other = urlunsplit(("ws" if secure else "wss", *parts[1:]))
    not_tls = isinstance(exc, ssl.SSLError) and exc.reason in PLAIN_REPLY_TO_TLS
    if secure and (isinstance(exc, ConnectionResetError) or not_tls):
        # a hub without TLS reads the TLS hello as a bad HTTP request and hangs up
        return f"{where} does not speak TLS (wss://); it looks like a plain hub: try {other}"
    if not secure and isinstance(exc, InvalidMessage):
        # a TLS hub waits for a TLS hello and drops a plain HTTP request
        return f"{where} did not answer plain ws://; it looks like a TLS hub: try {other}"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection to {where} failed ({exc.reason}); check ws:// or wss://"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {parts.hostname}; check the address"
    if isinstance(exc, ConnectionRefusedError):
        return f"nothing is listening at {where}; check the address and that the hub is running"
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer in time; check the address and your network"
    if isinstance(exc, OSError):
        return f"cannot reach {where} ({exc.strerror or exc}); check the address"
    if isinstance(exc, InvalidURI):
        return f"{url} is not a valid hub address"
    return f"{where} did not answer as a panelhost hub ({exc}); check the address"
