"""The link's requests that wait for an answer: in flight on a connection, or queued.

Every request gets a `ref` (and an ask a nonce, so a resent ask is not asked twice); an
answer settles the request with its ref. When a connection goes, asks in flight wait to
be resent and the rest fail with one sentence; when the link stops, everything fails.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets

import msgspec

from panelhost import protocol as p
from panelhost.client.link_words import local_error

DROPPED = "the connection dropped before the hub answered; check and try again"


class Pending:
    """One request and the future its answer settles."""

    __slots__ = ("future", "request")

    def __init__(self, request: p.Request, future: asyncio.Future[p.Ok | p.Error]) -> None:
        self.request = request
        self.future = future

    def settle(self, answer: p.Ok | p.Error) -> None:
        if not self.future.done():
            self.future.set_result(answer)

    def fail(self, code: p.ErrorCode, message: str) -> None:
        self.settle(local_error(code, message, self.request.ref))


class InFlight:
    """Requests sent on the current connection (by ref), and asks waiting to be sent."""

    def __init__(self) -> None:
        self._refs = itertools.count(1)
        self.sent: dict[int, Pending] = {}
        self.outbox: list[Pending] = []

    def prepare(self, request: p.Request) -> Pending:
        """The request with its `ref` (and an ask's nonce), and the future of its answer."""
        ref = next(self._refs)
        if isinstance(request, p.Ask) and request.nonce is None:
            request = msgspec.structs.replace(request, nonce=secrets.token_urlsafe(16))
        request = msgspec.structs.replace(request, ref=ref)
        return Pending(request, asyncio.get_running_loop().create_future())

    def sending(self, pending: Pending) -> None:
        ref = pending.request.ref
        assert isinstance(ref, int)
        self.sent[ref] = pending

    def answered(self, answer: p.Ok | p.Error) -> Pending | None:
        """The request this answer is for (None: it answers no request of ours)."""
        return self.sent.pop(answer.ref, None) if isinstance(answer.ref, int) else None

    def carry_over(self, stopped: bool) -> bool:
        """After a connection is gone: asks in flight wait to be resent, the rest fail.
        True when some ask waits again."""
        in_flight = sorted(self.sent.items())
        self.sent = {}
        resend = []
        for _ref, pending in in_flight:
            if isinstance(pending.request, p.Ask) and not stopped:
                resend.append(pending)
            else:
                pending.fail("unavailable", DROPPED)
        self.outbox[:0] = resend
        return bool(resend)

    def fail_sent(self, code: p.ErrorCode, message: str) -> None:
        for pending in self.sent.values():
            pending.fail(code, message)
        self.sent = {}

    def fail_all(self, code: p.ErrorCode, message: str) -> None:
        """The link stopped: every request waiting gets this error."""
        for pending in [*self.sent.values(), *self.outbox]:
            pending.fail(code, message)
        self.sent = {}
        self.outbox = []
