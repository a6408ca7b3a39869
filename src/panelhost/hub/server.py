"""The hub: glue between the listener, joining, requests, the commit pipeline and delivery."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from websockets.asyncio.server import Server
from websockets.typing import Origin

from panelhost.hub import origins
from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.commit import CommitPipeline
from panelhost.hub.config import HubConfig
from panelhost.hub.connections import Connections
from panelhost.hub.delivery import Delivery, close_all
from panelhost.hub.forwarded import ProxyError, TrustedProxies, parse_networks
from panelhost.hub.joining import wall_ms
from panelhost.hub.listener import HubStartError, listen
from panelhost.hub.session import LiveSession, SessionStartError, write_transcript
from panelhost.hub.tasks import Supervisor
from panelhost.live_registry import remember_sessions_dir
from panelhost.livefile import write_live_file
from panelhost.reachable import JoinAddresses, join_addresses
from panelhost.web.link import public_socket_url

log = logging.getLogger("panelhost.hub")

DRAIN_TIMEOUT_S = 5.0
"""How long `stop()` waits for pending batches to be made durable and sent."""
EXIT_JOURNAL_FAILED = 3
"""`panelhost serve` exits with this after a failed fsync or a dead task: restart it."""


class Hub:
    """A running hub for one session. Create with `await Hub.start(config)`."""

    def __init__(self, config: HubConfig, session: LiveSession) -> None:
        self.config = config
        self.limits = config.limits
        self.session = session
        self._server: Server | None = None
        self._audiences = Audiences()
        self._origins: list[Origin | None] = [None]
        """Filled once the port is known; websockets reads it at every upgrade."""
        self.delivery = Delivery(self._audiences, self.limits.max_unsent_bytes, self._forget)
        self.pipeline = CommitPipeline(
            write=session.journal.write,
            sync=lambda: asyncio.get_running_loop().run_in_executor(None, session.journal.sync),
            encode=lambda batch: batch.close(
                session.state, wall_ms(), self.participants, self.host_screens
            ),
            send_changes=self.delivery.send_changes,
            send_reply=self.delivery.send_reply,
            on_failure=self._journal_failed,
            before_end=lambda: asyncio.to_thread(self._write_transcript),
            after_end=self._session_ended,
        )
        session.write = self.pipeline.write
        self._stopping = False
        self.ended = asyncio.Event()
        self.stopped = asyncio.Event()
        self.failure: str | None = None
        """Why the hub stopped by itself; None while it runs or after a plain stop."""
        self._committer: asyncio.Task[None] | None = None
        self._stop_task: asyncio.Task[None] | None = None
        self.transcript_path = session.files.transcript
        self.tasks = Supervisor(self._fail)
        self._spawn = self.tasks.spawn
        self.connections = Connections(
            session, self.pipeline, self._audiences, self.limits, self.ended.is_set, self._spawn
        )

    # -- failures: the hub stops by itself -----------------------------------------------

    def _journal_failed(self, reason: str) -> None:
        log.error(
            "journal fsync failed (%s): nothing it covered was acknowledged; refusing every "
            "change and exiting, restart with --resume %s",
            reason,
            self.session_id,
        )
        self._fail(f"journal fsync failed ({reason})")

    def _fail(self, reason: str) -> None:
        """Stop the hub by itself; `panelhost serve` then exits non-zero, to be restarted."""
        if self.failure is None and not self._stopping:
            self.failure = reason
            self._stop_task = asyncio.ensure_future(self.stop())

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
        hub.connections.proxies = proxies
        if session.state.status == "ended":
            hub.ended.set()
        try:
            await hub._listen()
        except BaseException:
            if config.resume:
                session.journal.close()
            else:  # a new session the room never saw: no empty journal left behind
                session.discard(own_key=config.key_file is None)
            raise
        hub._committer = hub._spawn(hub.pipeline.run(), name="hub-commit")
        hub._spawn(hub.delivery.scan_loop(), name="hub-stall-scan")
        hub._write_live_file()
        return hub

    async def _listen(self) -> None:
        config = self.config
        connections = self.connections
        self._server = await listen(config, connections.handle, connections.open, self._origins)
        self._origins[:] = origins.allowed_origins(
            secure=self.scheme == "wss",
            port=self.port,
            # every name the hub answers to, and the join line's (--public-address too)
            hosts=origins.machine_names(config.bind)
            | {address.host for address in self.join_addresses.addresses},
            public_url=config.public_url,
            extra=config.allowed_origins,
        )

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

    @property
    def host_screens(self) -> int:
        """Host connections attached (each host screen is its own identity)."""
        return len(self._audiences.hosts)

    @property
    def stalled_dropped(self) -> int:
        return self.delivery.stalled_dropped

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
        remember_sessions_dir(self.config.sessions_dir)
        with contextlib.suppress(OSError):
            write_live_file(self.session.files.live, info)

    def _remove_live_file(self) -> None:
        with contextlib.suppress(OSError):
            self.session.files.live.unlink()

    async def stop(self) -> None:
        """Close every client (1001; 1011 after a failure), flush, write the transcript."""
        if self._stopping:
            await self.stopped.wait()
            return
        self._stopping = True
        if self._server is not None:
            self._server.close(close_connections=False)
        self.pipeline.close_open()
        if self._committer is not None and not self._committer.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.pipeline.drained.wait(), DRAIN_TIMEOUT_S)
        if self.failure is None:
            await self._close_all(1001, "hub shutting down", everyone=True)
        else:
            await self._close_all(1011, "hub error; it restarts from its journal", everyone=True)
        await self.tasks.cancel_all()
        if self._server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 3)
        if self.failure is None:  # else the disk cannot be trusted: the next hub writes it
            await asyncio.to_thread(self._write_transcript)
        self.session.journal.close()
        self._remove_live_file()
        self.stopped.set()

    async def _close_all(self, code: int, reason: str, everyone: bool = False) -> None:
        """Close welcomed clients (`everyone`: every connection, even mid-handshake)."""
        if everyone:
            await close_all(list(self.connections.open), code, reason)
        else:
            await close_all(
                [client.ws for client in self._audiences.clients.values()], code, reason
            )

    def _write_transcript(self) -> None:
        write_transcript(self.session, self.transcript_path)

    def _forget(self, client: Client) -> None:
        """Delivery dropped a stalled client."""
        self.connections.forget(client)

    def _session_ended(self) -> None:
        self.ended.set()
        self._remove_live_file()
        self._spawn(self._close_all(1000, "session ended"), name="hub-end")
