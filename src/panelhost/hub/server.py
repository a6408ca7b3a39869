"""The WebSocket server: handshake, requests, group commit and delivery, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import ssl
import time
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State as WsState
from websockets.typing import Origin

from panelhost import protocol as p
from panelhost.core import Actor, Rejected, views
from panelhost.core.rules import create_identity
from panelhost.hub import credentials, origins, webpage
from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.config import HubConfig
from panelhost.hub.fanout import Batch, Reply
from panelhost.hub.forwarded import ProxyError, TrustedProxies, parse_networks
from panelhost.hub.handshake import Room, check_hello
from panelhost.hub.limits import FailedHellos, FloodCounter, TokenBucket
from panelhost.hub.session import LiveSession, SessionStartError
from panelhost.reachable import JoinAddresses, join_addresses
from panelhost.web.link import public_socket_url

log = logging.getLogger("panelhost.hub")

BINARY_REFUSED = "binary frames are not accepted; send JSON text"
DRAIN_TIMEOUT_S = 5.0
"""How long `stop()` waits for pending batches to be made durable and sent."""
STALL_SCAN_BYTES = 64 * 1024
"""Scan write buffers after this many bytes went to any one client: bounds a stall's overshoot."""


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HubStartError(Exception):
    """The hub cannot start; one line saying why and what to do."""


class _TrackedConnection(ServerConnection):
    """A connection the hub can find from the moment TCP connects, before the upgrade.

    websockets only lists connections once upgraded; `stop()` must also cut the ones still
    in the opening handshake, or a peer that sent half a request holds shutdown for 10 s.
    """

    registry: set[ServerConnection]

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self.registry.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.registry.discard(self)
        super().connection_lost(exc)


class Hub:
    """A running hub for one session. Create with `await Hub.start(config)`."""

    def __init__(self, config: HubConfig, session: LiveSession) -> None:
        self.config = config
        self.limits = config.limits
        self.session = session
        self._server: Server | None = None
        self._audiences = Audiences()
        self._failed_hellos = FailedHellos(self.limits.failed_hellos_per_minute)
        self._proxies = TrustedProxies()
        self._origins: list[Origin | None] = [None]
        """Filled once the port is known; websockets reads it at every upgrade."""
        self._open_batch: Batch | None = None
        self._closed_batches: list[Batch] = []
        self._deferred = 0
        """Closed batches whose changes wait for their fsync; later ones wait behind them."""
        self._wake = asyncio.Event()
        self._drained = asyncio.Event()
        """Set while no closed batch waits for the committer."""
        self._drained.set()
        self._committer: asyncio.Task[None] | None = None
        self._scanner: asyncio.Task[None] | None = None
        self._bytes_since_scan = 0
        self._journal_broken: str | None = None
        self._stopping = False
        self.ended = asyncio.Event()
        self.stopped = asyncio.Event()
        self.transcript_path = session.files.transcript
        self.stalled_dropped = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._connections: set[ServerConnection] = set()
        """Every TCP connection, welcomed or not, even mid-handshake."""

    def _spawn(self, coroutine: Any) -> None:
        """Run a fire-and-forget task, keeping a reference until it is done."""
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def start(cls, config: HubConfig) -> Hub:
        """Create or resume the session, then listen. Raises HubStartError."""
        try:
            proxies = TrustedProxies(parse_networks(config.trusted_proxies))
        except ProxyError as exc:
            raise HubStartError(str(exc)) from None
        try:
            if config.resume:
                session = LiveSession.resume(config, config.resume)
            else:
                session = LiveSession.create(config, wall_ms())
        except SessionStartError as exc:
            raise HubStartError(str(exc)) from None
        hub = cls(config, session)
        hub._proxies = proxies
        if session.state.status == "ended":
            hub.ended.set()
        try:
            await hub._listen()
        except BaseException:
            session.journal.close()
            raise
        hub._committer = asyncio.create_task(hub._commit_loop(), name="hub-commit")
        hub._scanner = asyncio.create_task(hub._scan_loop(), name="hub-stall-scan")
        hub._write_live_file()
        return hub

    async def _listen(self) -> None:
        config, limits = self.config, self.limits
        tls = None
        if config.tls_cert or config.tls_key:
            if not (config.tls_cert and config.tls_key):
                raise HubStartError("TLS needs both --tls-cert and --tls-key")
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            try:
                tls.load_cert_chain(config.tls_cert, config.tls_key)
            except (OSError, ssl.SSLError) as exc:
                raise HubStartError(f"cannot load the TLS certificate or key: {exc}") from None
        try:
            self._server = await serve(
                self._handle,
                config.bind,
                config.port,
                process_request=self._admit,
                origins=self._origins,
                max_size=limits.max_message_bytes,
                ping_interval=limits.ping_interval_s,
                ping_timeout=limits.ping_timeout_s,
                compression=None,
                close_timeout=2,
                ssl=tls,
                server_header=None,
                create_connection=self._new_connection,  # type: ignore[arg-type]
            )
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise HubStartError(
                f"cannot listen on {config.bind}:{config.port} ({why}); "
                "pick another --port or --bind"
            ) from None
        self._origins[:] = origins.allowed_origins(
            secure=tls is not None,
            port=self.port,
            hosts=origins.machine_names(config.bind),
            public_url=config.public_url,
            extra=config.allowed_origins,
        )

    def _admit(self, connection: ServerConnection, request: Request) -> Response | None:
        """Before the upgrade: the page or a 404 (hub/webpage.py); /ws only under the cap."""
        answer = webpage.answer(connection, request)
        if answer is not None:
            return answer
        if len(self._connections) > self.limits.max_connections:
            return connection.respond(
                HTTPStatus.SERVICE_UNAVAILABLE, "The hub is at its connection limit; try later\n"
            )
        return None

    def _new_connection(self, *args: Any, **kwargs: Any) -> ServerConnection:
        connection = _TrackedConnection(*args, **kwargs)
        connection.registry = self._connections
        return connection

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def scheme(self) -> str:
        return "wss" if self.config.tls_cert else "ws"

    @property
    def url(self) -> str:
        """A URL to this hub from this machine."""
        host = self.config.bind
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"{self.scheme}://{host}:{self.port}/ws"

    @property
    def join_addresses(self) -> JoinAddresses:
        """Where the room reaches this hub (`--public-address`, else this machine's interfaces)."""
        public = self.config.public_address
        if public is None and self.config.public_url:
            public = public_socket_url(self.config.public_url)
        return join_addresses(
            self.config.bind, self.port, secure=self.scheme == "wss", public=public
        )

    @property
    def session_id(self) -> str:
        return self.session.state.session_id

    @property
    def code(self) -> str:
        return self.session.code

    @property
    def key(self) -> str:
        return self.session.key

    @property
    def key_file(self) -> str:
        return str(self.config.key_file or self.session.files.key)

    @property
    def participants(self) -> int:
        return self._audiences.participants

    def _write_live_file(self) -> None:
        info = {
            "pid": os.getpid(),
            "session_id": self.session_id,
            "url": self.url,
            "bind": self.config.bind,
            "port": self.port,
            "code": self.code,
            "key_file": self.key_file,
            **self.join_addresses.to_json(),
        }
        path = self.session.files.live
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                json.dump(info, handle)

    def _remove_live_file(self) -> None:
        with contextlib.suppress(OSError):
            self.session.files.live.unlink()

    async def stop(self) -> None:
        """Close every client with 1001, flush what is pending, write the transcript."""
        if self._stopping:
            await self.stopped.wait()
            return
        self._stopping = True
        if self._server is not None:
            self._server.close(close_connections=False)
        if self._open_batch is not None:
            self._close_batch()
        await self._drain()
        await self._close_all(1001, "hub shutting down", everyone=True)
        for task in (self._committer, self._scanner):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 3)
        await asyncio.to_thread(self._write_transcript)
        self.session.journal.close()
        self._remove_live_file()
        self.stopped.set()

    async def _drain(self) -> None:
        """Wait until every closed batch has been made durable and delivered."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._drained.wait(), DRAIN_TIMEOUT_S)

    async def _close_all(self, code: int, reason: str, everyone: bool = False) -> None:
        """Close welcomed clients (`everyone`: every connection) within 2 s, then cut the rest.

        A stalled reader never answers a close, and one that never finished its handshake
        cannot be sent one: both are aborted, so this never takes much over 2 s.
        """
        connections = [client.ws for client in self._audiences.clients.values()]
        if everyone:
            connections = list(self._connections)
        if not connections:
            return
        tasks = [
            asyncio.create_task(ws.close(code, reason))
            for ws in connections
            if ws.protocol.state is WsState.OPEN
        ]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=2)
            for task in pending:
                task.cancel()
        for ws in connections:
            if ws.transport is not None and not ws.transport.is_closing():
                ws.transport.abort()

    def _write_transcript(self) -> None:
        try:
            from panelhost.journal import read_journal
            from panelhost.transcript import build_transcript, save_transcript
        except ImportError:  # the transcript module is optional for the hub to run
            return
        try:
            self.session.journal.sync()
            events = read_journal(self.session.files.journal).events
            save_transcript(build_transcript(events), self.transcript_path)
        except Exception as exc:  # a failed transcript must not take the hub down
            log.error("could not write the transcript %s: %s", self.transcript_path, exc)

    # -- connections -------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        peer = str(ws.remote_address[0]) if ws.remote_address else "?"
        address = (
            peer if ws.request is None else self._proxies.client_address(peer, ws.request.headers)
        )
        if self._failed_hellos.blocked(address, time.monotonic()):
            await ws.close(1008, "too many failed attempts; wait a minute")
            return
        try:
            async with asyncio.timeout(self.limits.hello_timeout_s):
                raw = await ws.recv()
        except TimeoutError:
            self._failed_hellos.record(address, time.monotonic())
            await ws.close(1008, "no hello in time")
            return
        except ConnectionClosed:
            return
        client = await self._hello(ws, raw, address)
        if client is None:
            return
        try:
            async for message in ws:
                self._on_message(client, message)
        except ConnectionClosed:
            pass
        finally:
            self._forget(client)

    async def _refuse(
        self,
        ws: ServerConnection,
        address: str,
        code: p.ErrorCode,
        message: str,
        ref: str | int | None = None,
    ) -> None:
        self._failed_hellos.record(address, time.monotonic())
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encode(p.Error(ref=ref, code=code, message=message)), text=True)
            await ws.close(1008, code)

    async def _hello(self, ws: ServerConnection, raw: str | bytes, address: str) -> Client | None:
        if isinstance(raw, bytes):
            await self._refuse(ws, address, "bad_request", "hello must be a JSON text frame")
            return None
        try:
            hello = p.decode_request(raw)
        except p.DecodeError as exc:
            await self._refuse(ws, address, "bad_request", exc.message, exc.ref)
            return None
        if not isinstance(hello, p.Hello):
            await self._refuse(
                ws, address, "bad_request", "the first message must be hello", hello.ref
            )
            return None
        admission = check_hello(hello, self.session.state, self._room(), self.limits)
        if isinstance(admission, Rejected):
            await self._refuse(ws, address, admission.code, admission.message, hello.ref)
            return None
        identity_id, name, token = admission.identity_id, admission.name, admission.token
        state = self.session.state
        batch = self._batch()
        if identity_id is None:
            prefix = {"participant": "p", "host": "h", "viewer": "v"}[hello.role]
            identity_id = credentials.new_identity_id(prefix)
            while identity_id in state.identities or self._audiences.connected(identity_id):
                identity_id = credentials.new_identity_id(prefix)
            if hello.role != "viewer":
                token = credentials.new_token()
                event = create_identity(
                    state, identity_id, hello.role, name, credentials.digest(token), wall_ms()
                )
                try:
                    self.session.commit(event, batch)
                except OSError as exc:
                    await self._refuse(
                        ws,
                        address,
                        "unavailable",
                        f"the hub cannot save changes ({exc.strerror}); try later",
                        hello.ref,
                    )
                    return None
        now = time.monotonic()
        client = Client(
            ws,
            identity_id,
            name,
            hello.role,
            address,
            TokenBucket(self.limits.requests_per_second, self.limits.request_burst, now),
            FloodCounter(self.limits.flood_messages_per_second),
        )
        you = p.You(id=identity_id, name=name, role=hello.role)

        def welcome(state: Any) -> bytes:
            joining = client.role == "participant" and not self._audiences.connected(identity_id)
            participants = self._audiences.participants + joining
            snapshot = views.snapshot(state, identity_id, client.role, wall_ms(), participants)
            return p.encode(
                p.Welcome(
                    protocol=p.PROTOCOL_VERSION, seq=state.seq, you=you, token=token, state=snapshot
                )
            )

        batch.replies.append(Reply(client, welcome, lambda: self._register(client)))
        return client

    def _room(self) -> Room:
        return Room(
            key=self.session.key,
            code=self.session.code,
            ended=self.ended.is_set(),
            journal_broken=self._journal_broken is not None,
            participants=self._audiences.participants,
            viewers=self._audiences.viewers,
            connected=self._audiences.clients,
        )

    def _register(self, client: Client) -> None:
        """Runs once the client's welcome is sent: from now on it gets changes."""
        if client.ws.state.name != "OPEN":
            return
        previous = self._audiences.add(client)
        if previous is not None:
            self._spawn(previous.ws.close(4000, "replaced by a newer connection"))
        if client.role == "participant":
            self._batch().presence = True

    def _forget(self, client: Client) -> None:
        if self._audiences.remove(client) and client.role == "participant":
            self._batch().presence = True

    def _on_message(self, client: Client, message: str | bytes) -> None:
        now = time.monotonic()
        if client.flood.over(now):
            self._spawn(client.ws.close(1008, "flood: too many messages"))
            return
        batch = self._batch()
        if isinstance(message, bytes):
            reply: p.Ok | p.Error = p.Error(
                ref=None,
                code="bad_request",
                message=BINARY_REFUSED,
            )
        else:
            try:
                request = p.decode_request(message)
            except p.DecodeError as exc:
                reply = p.Error(ref=exc.ref, code="bad_request", message=exc.message)
            else:
                reply = self._on_request(client, request, now, batch)
                if isinstance(reply, p.Ok) and request.ref is None:
                    return  # without a ref, only failures are answered
        batch.replies.append(Reply(client, p.encode(reply)))

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
        if self._journal_broken is not None and not isinstance(request, p.Hello):
            return p.Error(
                ref=request.ref,
                code="unavailable",
                message="the hub cannot save changes right now; try again later",
            )
        return self.session.submit(
            Actor(client.identity_id, client.role), request, wall_ms(), batch
        )

    # -- batches: group commit and delivery ------------------------------------------------

    def _batch(self) -> Batch:
        """The batch of this loop iteration; it closes as soon as the loop is idle."""
        if self._open_batch is None:
            self._open_batch = Batch()
            asyncio.get_running_loop().call_soon(self._close_batch)
        return self._open_batch

    def _close_batch(self) -> None:
        batch, self._open_batch = self._open_batch, None
        if batch is None:
            return
        if self._deferred == 0 and not batch.has_welcome and not batch.ends_session:
            # Nothing waits ahead of it: its changes go out now, while its fsync runs, so
            # fan-out never waits on the disk; its answers wait for the fsync (`ok` means
            # durable). A welcome or the end waits for everything, to keep the order.
            batch.close(self.session.state, wall_ms(), self._audiences.participants)
            self._send_changes(batch)
            batch.changes_sent = True
            self._closed_batches.append(batch)
        elif self._closed_batches and not self._closed_batches[-1].changes_sent:
            # the committer has not taken the last deferred batch yet: this one joins it,
            # so one fsync sends one set of frames (coalescing only when already waiting)
            self._closed_batches[-1].absorb(batch)
        else:
            self._deferred += 1
            self._closed_batches.append(batch)
        self._drained.clear()
        self._wake.set()

    async def _commit_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._open_batch is not None:
                self._close_batch()  # what this turn decided rides with this fsync
            batches, self._closed_batches = self._closed_batches, []
            try:
                syncing = None
                if any(batch.wrote for batch in batches):
                    loop = asyncio.get_running_loop()
                    syncing = loop.run_in_executor(None, self.session.journal.sync)
                # encoded once, while the fsync runs, from the state the batches leave
                # (nothing else is decided until the next await: the state is theirs)
                state, now = self.session.state, wall_ms()
                for batch in batches:
                    if not batch.closed:
                        batch.close(state, now, self._audiences.participants)
                if syncing is not None:
                    try:
                        await syncing
                    except OSError as exc:
                        self._journal_broken = exc.strerror or str(exc)
                        log.error("journal fsync failed: %s; refusing changes", exc)
                for batch in batches:
                    if batch.ends_session:
                        await asyncio.to_thread(self._write_transcript)
                    if not batch.changes_sent:
                        self._send_changes(batch)
                        self._deferred -= 1
                    self._send_replies(batch)
                    if batch.ends_session:
                        self.ended.set()
                        self._remove_live_file()
                        self._spawn(self._close_all(1000, "session ended"))
            finally:
                if not self._closed_batches:
                    self._drained.set()

    def _send_changes(self, batch: Batch) -> None:
        """Broadcast the batch's change frames, each encoded once, to its audience."""
        for audience, frame in batch.frames:
            broadcast(self._audiences.targets(audience), frame, text=True)
            self._sent(len(frame))

    def _send_replies(self, batch: Batch) -> None:
        """Send the batch's oks, errors and welcomes (a welcome then registers its client)."""
        for reply in batch.replies:
            broadcast((reply.client.ws,), reply.data, text=True)
            self._sent(len(reply.data))
            if reply.then is not None:
                reply.then()

    def _sent(self, size: int) -> None:
        self._bytes_since_scan += size
        if self._bytes_since_scan >= STALL_SCAN_BYTES:
            self._drop_stalled()

    def _drop_stalled(self) -> None:
        """Abort the transport of every client with too much unsent: it stopped reading."""
        self._bytes_since_scan = 0
        limit = self.limits.max_unsent_bytes
        for client in list(self._audiences.clients.values()):
            transport = client.ws.transport
            if transport is not None and transport.get_write_buffer_size() > limit:
                log.warning(
                    "dropping %s: %d bytes unsent",
                    client.identity_id,
                    transport.get_write_buffer_size(),
                )
                self.stalled_dropped += 1
                self._forget(client)
                transport.abort()

    async def _scan_loop(self) -> None:
        while True:
            await asyncio.sleep(1)
            self._drop_stalled()
