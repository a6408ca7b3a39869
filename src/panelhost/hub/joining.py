"""A connection's `hello`: checked, a new identity journaled, the welcome sent once durable."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Coroutine
from typing import Any

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from panelhost import protocol as p
from panelhost.core import Rejected, views
from panelhost.core.rules import create_identity
from panelhost.hub import credentials
from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.commit import CommitPipeline
from panelhost.hub.config import Limits
from panelhost.hub.fanout import Reply
from panelhost.hub.handshake import GUESSES, Room, check_hello
from panelhost.hub.limits import FloodCounter, PerAddressWindow, TokenBucket
from panelhost.hub.revisions import for_older, knows_early
from panelhost.hub.session import LiveSession

ROLE_PREFIX = {"participant": "p", "host": "h", "viewer": "v"}
JOURNAL_FAILED = "the hub could not save changes and is restarting; try again in a moment"


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def unavailable(ref: str | int | None, message: str = JOURNAL_FAILED) -> bytes:
    return p.encode(p.Error(ref=ref, code="unavailable", message=message))


class Joining:
    """Admits hellos for one hub: who may join, as whom, and when they start getting changes."""

    def __init__(
        self,
        session: LiveSession,
        pipeline: CommitPipeline,
        audiences: Audiences,
        limits: Limits,
        ended: Callable[[], bool],
        register: Callable[[Client], None],
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
    ) -> None:
        self.session = session
        self.pipeline = pipeline
        self.audiences = audiences
        self.limits = limits
        self._ended = ended
        self._register = register
        self._spawn = spawn
        self.failed_hellos = PerAddressWindow(limits.failed_hellos_per_minute)
        self.new_identities = PerAddressWindow(limits.new_identities_per_minute)

    def blocked(self, address: str) -> bool:
        """Too many failed hellos from this address lately: close it without a word."""
        return self.failed_hellos.blocked(address, time.monotonic())

    def timed_out(self, address: str) -> None:
        self.failed_hellos.record(address, time.monotonic())

    async def refuse(
        self,
        ws: ServerConnection,
        address: str,
        code: p.ErrorCode,
        message: str,
        ref: str | int | None = None,
    ) -> None:
        """Answer one error and close 1008; a guess (`GUESSES`) counts against the address."""
        if code in GUESSES:
            self.failed_hellos.record(address, time.monotonic())
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encode(p.Error(ref=ref, code=code, message=message)), text=True)
            await ws.close(1008, code)

    async def hello(self, ws: ServerConnection, raw: str | bytes, address: str) -> Client | None:
        """The client, with its welcome queued; None when refused (answered and closed)."""
        if isinstance(raw, bytes):
            await self.refuse(ws, address, "bad_request", "hello must be a JSON text frame")
            return None
        try:
            hello = p.decode_request(raw)
        except p.DecodeError as exc:
            await self.refuse(ws, address, "bad_request", exc.message, exc.ref)
            return None
        if not isinstance(hello, p.Hello):
            await self.refuse(
                ws, address, "bad_request", "the first message must be hello", hello.ref
            )
            return None
        admission = check_hello(hello, self.session.state, self._room(), self.limits)
        if isinstance(admission, Rejected):
            await self.refuse(ws, address, admission.code, admission.message, hello.ref)
            return None
        identity_id, name, token = admission.identity_id, admission.name, admission.token
        batch = self.pipeline.batch()
        if identity_id is None:
            identity_id = self._new_identity_id(hello.role)
            if hello.role != "viewer":
                now = time.monotonic()
                if self.new_identities.blocked(address, now):
                    await self.refuse(
                        ws,
                        address,
                        "rate_limited",
                        "too many new names from this address; wait a minute, "
                        "or rejoin with your resume token",
                        hello.ref,
                    )
                    return None
                token = credentials.new_token()
                event = create_identity(
                    self.session.state,
                    identity_id,
                    hello.role,
                    name,
                    credentials.digest(token),
                    wall_ms(),
                )
                try:
                    self.session.commit(event, batch)
                except OSError as exc:
                    why = f"the hub cannot save changes ({exc.strerror}); try later"
                    await self.refuse(ws, address, "unavailable", why, hello.ref)
                    return None
                self.new_identities.record(address, now)
        client = Client(
            ws,
            identity_id,
            name,
            hello.role,
            address,
            TokenBucket(
                self.limits.requests_per_second, self.limits.request_burst, time.monotonic()
            ),
            FloodCounter(self.limits.flood_messages_per_second),
        )
        client.revision = hello.revision
        batch.replies.append(
            Reply(
                client,
                self._welcome(client, token),
                then=lambda: self._register(client),
                failed=unavailable(hello.ref),
                then_failed=lambda: self._close_refused(client),
            )
        )
        return client

    def _new_identity_id(self, role: p.Role) -> str:
        prefix = ROLE_PREFIX[role]
        identity_id = credentials.new_identity_id(prefix)
        while identity_id in self.session.state.identities or self.audiences.connected(identity_id):
            identity_id = credentials.new_identity_id(prefix)
        return identity_id

    def _welcome(self, client: Client, token: str | None) -> Callable[[Any], bytes]:
        you = p.You(id=client.identity_id, name=client.name, role=client.role)

        def welcome(state: Any) -> bytes:
            # built before this client is registered: count it as if it were
            joining = not self.audiences.connected(client.identity_id)
            participants = self.audiences.participants + (joining and client.role == "participant")
            snapshot = views.snapshot(
                state, client.identity_id, client.role, wall_ms(), participants
            )
            if client.role == "host":
                hosts = len(self.audiences.hosts) + joining
                snapshot = msgspec.structs.replace(snapshot, hosts=hosts)
            if not knows_early(client.revision):
                snapshot.session = for_older(snapshot.session)
            return p.encode(
                p.Welcome(
                    protocol=p.PROTOCOL_VERSION, seq=state.seq, you=you, token=token, state=snapshot
                )
            )

        return welcome

    def _close_refused(self, client: Client) -> None:
        """A hello whose identity never became durable: its error went out, now close 1008."""
        self._spawn(client.ws.close(1008, "unavailable"))

    def _room(self) -> Room:
        return Room(
            key=self.session.key,
            code=self.session.code,
            ended=self._ended(),
            journal_broken=self.pipeline.failed,
            participants=self.audiences.participants,
            viewers=self.audiences.viewers,
            connected=self.audiences.clients,
        )
