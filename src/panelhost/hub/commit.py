"""The commit pipeline: group commit, and the order in which a batch's frames may go out.

Every request of one loop turn lands in one `Batch`. The rules, all kept here:

- A batch's changes may go out before its fsync (fan-out never waits on the disk), but
  always before its answers; its `ok`s and welcomes wait until the fsync that covers
  its writes has succeeded (`ok` means durable).
- A batch with a welcome or the end is *held*: its changes, answers and everything
  closed after it wait for the committer, so a welcome's snapshot and registration
  follow every change before it, and nothing overtakes the end.
- A failed fsync is fatal for what it covered: no `ok` or welcome of that flush, or of
  any later one, goes out; each answer becomes its failure frame (`unavailable`); held
  changes are never sent; every later write is refused. After a failed fsync the kernel
  may have dropped the dirty pages, so a retry proves nothing (PostgreSQL's lesson).

Phases: WORKING -> FAILED (one way). A batch: open (collecting) -> closed, either *early*
(changes sent as it closed, only its answers wait) or *held* -> answered or failed.

Writing, syncing, encoding and sending are injected, so the rules are tested alone.
"""

from __future__ import annotations

import asyncio
import enum
import errno
from collections.abc import Awaitable, Callable
from typing import Any

from panelhost.hub.fanout import Batch, Reply


class Phase(enum.Enum):
    WORKING = "working"
    FAILED = "failed"
    """An fsync failed: nothing is acknowledged from now on."""


class CommitPipeline:
    """Batches in, frames out in the order the rules allow. Run `run()` as a task."""

    def __init__(
        self,
        *,
        write: Callable[[bytes], None],
        sync: Callable[[], Awaitable[None]],
        encode: Callable[[Batch], None],
        send_changes: Callable[[Batch], None],
        send_reply: Callable[[Any, bytes], None],
        on_failure: Callable[[str], None] = lambda reason: None,
        before_end: Callable[[], Awaitable[None]] | None = None,
        after_end: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self._sync = sync
        self._encode = encode
        self._send_changes = send_changes
        self._send_reply = send_reply
        self._on_failure = on_failure
        self._before_end = before_end
        self._after_end = after_end
        self.phase = Phase.WORKING
        self.failure: str | None = None
        """Why the journal failed (the OSError's text), once it has."""
        self._open: Batch | None = None
        self._closed: list[Batch] = []
        self._held = 0
        """Closed batches whose changes wait for the committer; later ones wait behind."""
        self._wake = asyncio.Event()
        self._crashed: Exception | None = None
        self.drained = asyncio.Event()
        """Set while no closed batch waits for the committer."""
        self.drained.set()

    @property
    def failed(self) -> bool:
        return self.phase is Phase.FAILED

    def batch(self) -> Batch:
        """The batch of this loop turn; it closes as soon as the loop is idle."""
        if self._open is None:
            self._open = Batch()
            asyncio.get_running_loop().call_soon(self._close_soon)
        return self._open

    def _close_soon(self) -> None:
        """close_open from the loop: an exception goes to `run()`, whose task is watched."""
        try:
            self.close_open()
        except Exception as exc:
            self._crashed = exc
            self._wake.set()

    def write(self, data: bytes) -> None:
        """Append to the journal; raises OSError (nothing written) once the journal failed."""
        if self.phase is Phase.FAILED:
            raise OSError(errno.EIO, f"the journal failed earlier ({self.failure})")
        self._write(data)

    def close_open(self) -> None:
        """Close the open batch: send its changes now, or hold it behind what waits."""
        batch, self._open = self._open, None
        if batch is None:
            return
        if self._held == 0 and not batch.has_welcome and not batch.ends_session:
            self._encode(batch)
            if not self.failed:
                self._send_changes(batch)
            batch.changes_sent = True
            self._closed.append(batch)
        elif self._closed and not self._closed[-1].changes_sent:
            # the committer has not taken the last held batch yet: this one joins it, so one
            # fsync sends one set of frames (coalescing only when already waiting)
            self._closed[-1].absorb(batch)
        else:
            self._held += 1
            self._closed.append(batch)
        self.drained.clear()
        self._wake.set()

    async def run(self) -> None:
        """The committer: one fsync per wake for everything closed, then the frames."""
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._crashed is not None:
                raise self._crashed
            self.close_open()  # what this turn decided rides with this fsync
            batches, self._closed = self._closed, []
            try:
                await self._flush(batches)
            finally:
                if not self._closed:
                    self.drained.set()

    async def _flush(self, batches: list[Batch]) -> None:
        syncing = None
        if not self.failed and any(batch.wrote for batch in batches):
            syncing = asyncio.ensure_future(self._sync())
        # encoded while the fsync runs, from the state the batches leave (nothing else is
        # decided until the next await: the state is theirs)
        try:
            for batch in batches:
                if not batch.closed:
                    self._encode(batch)
        except BaseException:
            if syncing is not None:  # let the fsync end before anyone closes the journal
                await asyncio.wait([syncing])
                if not syncing.cancelled():
                    syncing.exception()  # retrieved: the encoding failure is the news
            raise
        if syncing is not None:
            try:
                await syncing
            except OSError as exc:
                self._fail(exc.strerror or str(exc))
        for batch in batches:
            if self.failed:
                self._refuse(batch)
            else:
                await self._deliver(batch)
            if not batch.changes_sent:
                self._held -= 1

    async def _deliver(self, batch: Batch) -> None:
        if batch.ends_session and self._before_end is not None:
            await self._before_end()
        if not batch.changes_sent:
            self._send_changes(batch)
            batch.changes_sent = True
        for reply in batch.replies:
            if reply.data:
                self._send_reply(reply.client, reply.data)
            if reply.then is not None:
                reply.then()
        if batch.ends_session and self._after_end is not None:
            self._after_end()

    def _refuse(self, batch: Batch) -> None:
        """The flush failed: every answer becomes its failure; held changes never go out."""
        for reply in batch.replies:
            data = reply.failed if reply.failed is not None else reply.data
            if data:
                self._send_reply(reply.client, data)
            if reply.then_failed is not None:
                reply.then_failed()

    def _fail(self, reason: str) -> None:
        if self.phase is Phase.FAILED:
            return
        self.phase = Phase.FAILED
        self.failure = reason
        self._on_failure(reason)


__all__ = ["Batch", "CommitPipeline", "Phase", "Reply"]
