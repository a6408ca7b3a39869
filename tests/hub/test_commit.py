"""The commit pipeline alone: its ordering rules with syncs that block, fail and lose bytes."""

from __future__ import annotations

import asyncio
import errno
import random
from typing import Any

import pytest

from panelhost.hub.commit import CommitPipeline, Phase
from panelhost.hub.fanout import Batch, Reply


class Disk:
    """A journal in two parts: what a sync made durable, and what only the page cache holds."""

    def __init__(self) -> None:
        self.durable: list[bytes] = []
        self.cached: list[bytes] = []
        self.syncs = 0

    def write(self, data: bytes) -> None:
        self.cached.append(data)

    def make_durable(self) -> None:
        self.syncs += 1
        self.durable += self.cached
        self.cached = []

    def lose_unsynced(self) -> None:
        """What a failed fsync may do: the kernel drops the dirty pages."""
        self.cached = []


class Wire:
    """Everything the pipeline sent, in order: ("changes", batch tag) or (client, frame)."""

    def __init__(self) -> None:
        self.sent: list[tuple[Any, Any]] = []

    def send_changes(self, batch: Batch) -> None:
        self.sent.append(("changes", batch.frames))

    def send_reply(self, client: Any, data: bytes) -> None:
        self.sent.append((client, data))

    def frames_to(self, client: Any) -> list[bytes]:
        return [data for who, data in self.sent if who == client]


def encode(batch: Batch) -> None:
    """What Batch.close does, without a State: frames fixed, builders called."""
    batch.closed = True
    batch.frames = [("all", tag) for tag in batch.delta.notes]  # type: ignore[misc]
    for reply in batch.replies:
        reply.data = reply.frame if isinstance(reply.frame, bytes) else reply.frame(None)


def make(disk: Disk, wire: Wire, sync: Any, failures: list[str] | None = None) -> CommitPipeline:
    return CommitPipeline(
        write=disk.write,
        sync=sync,
        encode=encode,
        send_changes=wire.send_changes,
        send_reply=wire.send_reply,
        on_failure=(failures if failures is not None else []).append,
    )


def request(pipeline: CommitPipeline, client: str, tag: int, welcome: bool = False) -> Batch:
    """One request of this loop turn: a journal line, a change frame, an ok (or a welcome)."""
    batch = pipeline.batch()
    pipeline.write(f"{client}-{tag}\n".encode())
    batch.wrote = True
    batch.delta.notes.append(tag)
    ok = f"ok {client}-{tag}".encode()
    frame: Any = (lambda state: b"welcome " + ok) if welcome else ok
    batch.replies.append(Reply(client, frame, failed=f"unavailable {client}-{tag}".encode()))
    return batch


@pytest.fixture
async def running():
    tasks: list[asyncio.Task[None]] = []

    def start(pipeline: CommitPipeline) -> CommitPipeline:
        tasks.append(asyncio.create_task(pipeline.run()))
        return pipeline

    yield start
    for task in tasks:
        task.cancel()
        with pytest.raises((asyncio.CancelledError, Exception)):
            await task


async def idle() -> None:
    """Let the loop run everything that is ready (call_soon closes, the committer)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def test_no_ok_while_the_sync_blocks_but_the_change_goes_out(running):
    disk, wire, release = Disk(), Wire(), asyncio.Event()

    async def blocking_sync() -> None:
        await release.wait()
        disk.make_durable()

    pipeline = running(make(disk, wire, blocking_sync))
    request(pipeline, "ana", 1)
    await idle()
    assert wire.sent == [("changes", [("all", 1)])]  # fan-out never waits on the disk
    request(pipeline, "ben", 2)  # a later batch while the first sync blocks
    await idle()
    assert wire.frames_to("ana") == [] and wire.frames_to("ben") == []
    release.set()
    await idle()
    assert wire.frames_to("ana") == [b"ok ana-1"]
    assert wire.frames_to("ben") == [b"ok ben-2"]
    # each ok after its own change, and after a sync that covered its line
    assert wire.sent.index(("changes", [("all", 2)])) < wire.sent.index(("ben", b"ok ben-2"))
    assert disk.durable == [b"ana-1\n", b"ben-2\n"]


async def test_a_failed_sync_turns_every_answer_into_unavailable_and_refuses_more(running):
    disk, wire, failures = Disk(), Wire(), []

    async def failing_sync() -> None:
        disk.lose_unsynced()
        raise OSError(errno.EIO, "Input/output error")

    pipeline = running(make(disk, wire, failing_sync, failures))
    request(pipeline, "ana", 1)
    request(pipeline, "ben", 2, welcome=True)  # a new identity's welcome in the same flush
    await idle()
    assert pipeline.phase is Phase.FAILED and failures == ["Input/output error"]
    assert wire.frames_to("ana") == [b"unavailable ana-1"]
    assert wire.frames_to("ben") == [b"unavailable ben-2"]  # no welcome
    with pytest.raises(OSError):
        pipeline.write(b"later\n")  # no further change is accepted
    # a later batch with nothing written (a repeated vote) gets no ok either
    later = pipeline.batch()
    later.replies.append(Reply("cat", b"ok cat-3", failed=b"unavailable cat-3"))
    await idle()
    assert wire.frames_to("cat") == [b"unavailable cat-3"]
    assert not any(data.startswith(b"ok") for _, data in wire.sent if isinstance(data, bytes))
    assert failures == ["Input/output error"]  # reported once


async def test_a_welcome_holds_back_what_follows_until_its_sync(running):
    disk, wire, release = Disk(), Wire(), asyncio.Event()

    async def blocking_sync() -> None:
        await release.wait()
        disk.make_durable()

    pipeline = running(make(disk, wire, blocking_sync))
    request(pipeline, "new", 1, welcome=True)
    await idle()
    request(pipeline, "ana", 2)  # closes behind the held welcome
    await idle()
    assert wire.sent == []  # nothing overtakes the welcome, changes included
    release.set()
    await idle()
    order = [who for who, _ in wire.sent]
    assert order.index("new") < order.index("ana")
    assert wire.frames_to("new") == [b"welcome ok new-1"]


async def test_the_end_is_written_before_its_changes_go_out(running):
    disk, events = Disk(), []

    async def sync() -> None:
        disk.make_durable()

    async def before_end() -> None:
        events.append("transcript")

    pipeline = CommitPipeline(
        write=disk.write,
        sync=sync,
        encode=encode,
        send_changes=lambda batch: events.append("changes"),
        send_reply=lambda client, data: events.append(data),
        before_end=before_end,
        after_end=lambda: events.append("ended"),
    )
    running(pipeline)
    batch = request(pipeline, "host", 1)
    batch.delta.ended = True
    await idle()
    assert events == ["transcript", "changes", b"ok host-1", "ended"]


@pytest.mark.parametrize("seed", range(20))
async def test_no_ok_for_a_line_a_failed_sync_lost(running, seed):
    """Random traffic, a sync that fails at a random moment and drops the unsynced bytes:
    every `ok` ever sent is for a line that is durable."""
    rng = random.Random(seed)
    disk, wire = Disk(), Wire()
    fail_at = rng.randint(1, 6)

    async def sync() -> None:
        await asyncio.sleep(0)
        if disk.syncs + 1 >= fail_at:
            disk.lose_unsynced()
            raise OSError(errno.EIO, "Input/output error")
        disk.make_durable()

    pipeline = running(make(disk, wire, sync))
    tag = 0
    for _ in range(200):  # until the failure, and a little past it
        if pipeline.failed and rng.random() < 0.3:
            break
        for _ in range(rng.randint(1, 4)):
            tag += 1
            try:
                request(pipeline, f"c{tag % 3}", tag, welcome=rng.random() < 0.2)
            except OSError:
                assert pipeline.failed
        for _ in range(rng.randint(0, 3)):
            await asyncio.sleep(0)
    await idle()
    acknowledged = [
        data.split()[-1] for _, data in wire.sent if isinstance(data, bytes) and b"ok " in data
    ]
    durable = {line.strip() for line in disk.durable}
    assert all(line in durable for line in acknowledged), (acknowledged, durable)
    assert pipeline.failed  # the run really reached the failure
