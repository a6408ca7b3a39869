"""A welcomed client's messages: decoded, rate limited, decided, answered after the fsync."""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Any

from panelhost import protocol as p
from panelhost.core import Actor
from panelhost.hub.audiences import Client
from panelhost.hub.commit import CommitPipeline
from panelhost.hub.fanout import Batch, Reply
from panelhost.hub.joining import JOURNAL_FAILED, unavailable, wall_ms
from panelhost.hub.session import LiveSession

BINARY_REFUSED = "binary frames are not accepted; send JSON text"


class Requests:
    """Turns each message into the events it commits and the one answer it gets."""

    def __init__(
        self,
        session: LiveSession,
        pipeline: CommitPipeline,
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
    ) -> None:
        self.session = session
        self.pipeline = pipeline
        self._spawn = spawn

    def on_message(self, client: Client, message: str | bytes) -> None:
        now = time.monotonic()
        if client.flood.over(now):
            self._spawn(client.ws.close(1008, "flood: too many messages"))
            return
        batch = self.pipeline.batch()
        if isinstance(message, bytes):
            error = p.Error(ref=None, code="bad_request", message=BINARY_REFUSED)
            batch.replies.append(Reply(client, p.encode(error)))
            return
        try:
            request = p.decode_request(message)
        except p.DecodeError as exc:
            error = p.Error(ref=exc.ref, code="bad_request", message=exc.message)
            batch.replies.append(Reply(client, p.encode(error)))
            return
        reply = self._on_request(client, request, now, batch)
        if isinstance(reply, p.Error):
            batch.replies.append(Reply(client, p.encode(reply)))
        else:
            # without a ref only failures are answered: a failed fsync is one
            frame = p.encode(reply) if request.ref is not None else b""
            batch.replies.append(Reply(client, frame, failed=unavailable(request.ref)))

    def _on_request(
        self, client: Client, request: p.Request, now: float, batch: Batch
    ) -> p.Ok | p.Error:
        if not client.bucket.take(now):
            wait = max(0.1, round(client.bucket.wait_s(), 1))
            return p.Error(
                ref=request.ref,
                code="rate_limited",
                message=f"rate limited: too many requests; wait {wait} s",
            )
        if self.pipeline.failed and not isinstance(request, p.Hello):
            return p.Error(ref=request.ref, code="unavailable", message=JOURNAL_FAILED)
        return self.session.submit(
            Actor(client.identity_id, client.role), request, wall_ms(), batch
        )
