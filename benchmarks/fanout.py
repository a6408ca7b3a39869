"""Target 1, fan-out latency: one vote, until every one of N participants holds the new count.

For each N the same run measures three servers, each in its own process, with the same
load-generator clients: the floor (a bare websockets server broadcasting the frame it is
sent, see floor.py), the hub with its sessions on the disk, and the hub on tmpfs (so the
fsync that durability puts on the latency path can be told apart from the fan-out itself).
They take turns vote by vote, in an order that changes each vote (every permutation in
turn, so no server always runs right after another's fsync), and each ratio to the floor
comes with a 95 % interval resampled by vote (interval.py).

    python -m benchmarks.fanout                 # N = 100, 1000, 3000
    python -m benchmarks.fanout --sizes 100 --trials 20 --clients link
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from benchmarks import loadgen
from benchmarks.common import (
    HubProcess,
    cpu_seconds,
    raise_open_files_limit,
    sessions_root,
    start_floor,
    start_hub,
    summary_ms,
    table,
    write_result,
)
from benchmarks.interval import p99_ratio_interval
from benchmarks.rawclient import Frame, RawClient
from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.link_events import LinkEvent, MirrorChanged

WARMUP = 3
_encode = msgspec.json.Encoder().encode


class Meter:
    """Counts, for one armed vote, when each client first holds the expected count."""

    def __init__(self, question_id: int) -> None:
        self.key = str(question_id)
        self.question_id = question_id
        self.expected = -1
        self.t0 = 0.0
        self.remaining = 0
        self.latencies: list[float] = []
        self.done: asyncio.Future[None] | None = None
        self._seen: set[int] = set()

    def arm(self, expected: int, clients: int) -> None:
        self.expected = expected
        self.remaining = clients
        self.latencies = []
        self._seen = set()
        self.done = asyncio.get_running_loop().create_future()
        self.t0 = time.perf_counter()

    def _hit(self, who: int, now: float) -> None:
        if who in self._seen:
            return
        self._seen.add(who)
        self.latencies.append(now - self.t0)
        self.remaining -= 1
        if self.remaining == 0 and self.done is not None and not self.done.done():
            self.done.set_result(None)

    def on_frame(self, client: RawClient, frame: Frame, now: float) -> None:
        if frame.type == "votes" and frame.counts and frame.counts.get(self.key) == self.expected:
            self._hit(id(client), now)

    def on_link(self, link: Link, event: LinkEvent) -> None:
        if not isinstance(event, MirrorChanged) or not isinstance(event.change, p.Votes):
            return
        question = link.mirror.questions.get(self.question_id)
        if question is not None and question.votes == self.expected:
            self._hit(id(link), time.perf_counter())


class Target:
    """One server under measurement, with its crowd already connected and its trigger."""

    def __init__(
        self,
        label: str,
        pid: int,
        meter: Meter,
        clients: int,
        trigger: Callable[[int], None],
        cleanup: Callable[[], Awaitable[None]],
    ) -> None:
        self.label = label
        self.pid = pid
        self.meter = meter
        self.clients = clients
        self.trigger = trigger
        self.cleanup = cleanup
        self.deliveries: list[float] = []
        self.per_trial: list[list[float]] = []
        """Each recorded vote's deliveries, for the interval (votes, not deliveries, vary)."""
        self.to_all: list[float] = []
        self.cpu = 0.0
        self.hub: HubProcess | None = None

    async def trial(self, t: int, record: bool) -> None:
        """Trial t makes the count t; wait until every client holds it."""
        self.meter.arm(t, self.clients)
        self.trigger(t)
        assert self.meter.done is not None
        await asyncio.wait_for(self.meter.done, 60)
        if record:
            self.deliveries.extend(self.meter.latencies)
            self.per_trial.append(list(self.meter.latencies))
            self.to_all.append(max(self.meter.latencies))

    def result(self, trials: int) -> dict[str, Any]:
        return {
            "delivery": summary_ms(self.deliveries),
            "time_to_all": summary_ms(self.to_all),
            "server_cpu_ms_per_vote": round(self.cpu / max(trials, 1) * 1000, 2),
        }


async def floor_target(n: int) -> Target:
    """The bare websockets server, broadcasting a frame the size of the hub's `votes`."""
    floor = start_floor()
    meter = Meter(1)
    clients: list[RawClient] = []

    async def cleanup() -> None:
        await asyncio.to_thread(floor.stop)  # the server closes first: nobody waits on a peer
        loadgen.close_all(clients)

    try:
        clients = await loadgen.open_floor_crowd(floor.port, n, meter.on_frame)
    except BaseException:
        await cleanup()
        raise

    def trigger(t: int) -> None:
        # the hub's public votes frame for the same count: same shape, same size
        frame = {"type": "votes", "seq": n + 10 + t, "counts": {"1": t}}
        clients[t % n].send_text(_encode(frame))

    return Target("floor", floor.pid, meter, n, trigger, cleanup)


async def hub_target(n: int, *, tmpfs: bool, client_kind: str = "raw") -> Target:
    """The hub: N participants (raw or Link) plus one raw host that asked question 1."""
    hub = start_hub(sessions_root(tmpfs))
    clients: list[RawClient] = []
    crowd: loadgen.LinkCrowd | None = None
    host: RawClient | None = None

    async def cleanup() -> None:
        await asyncio.to_thread(hub.stop)  # the hub closes first (1001): nobody waits on a peer
        loadgen.close_all(clients)
        if host is not None:
            host.close()
        if crowd is not None:
            await crowd.close()

    try:
        host = await loadgen.join_host(hub)
        (question_id,) = await loadgen.ask_questions(host, 1)
        meter = Meter(question_id)
        vote = _encode(loadgen.vote_frame(question_id))
        if client_kind == "link":
            crowd = loadgen.LinkCrowd(hub, n)
            crowd.add_listener(meter.on_link)
            crowd.start()
            await crowd.wait_all(lambda link: link.connected, 120)
            links = crowd.links

            def trigger(t: int) -> None:
                link = links[(t - 1) % n]
                asyncio.get_running_loop().create_task(link.vote(question_id))

        else:
            clients = await loadgen.join_crowd(hub, n, meter.on_frame)

            def trigger(t: int) -> None:
                clients[(t - 1) % n].send_text(vote)

    except BaseException:
        await cleanup()
        raise
    label = ("hub (tmpfs)" if tmpfs else "hub (disk)") + (" link" if client_kind == "link" else "")
    target = Target(label, hub.pid, meter, n, trigger, cleanup)
    target.hub = hub
    return target


def turn_order(targets: list[Target], t: int) -> list[Target]:
    """Trial t's order: every permutation in turn, so each target runs right after each
    other equally often (a fixed order, or a rotation of one, keeps the floor right after
    the disk hub's fsync)."""
    orders = list(itertools.permutations(targets))
    return list(orders[t % len(orders)])


async def interleaved(targets: list[Target], trials: int) -> None:
    """Trial by trial, all targets in a rotating order, so a noisy moment hits them alike."""
    gc.collect()
    gc.disable()
    try:
        for t in range(1, WARMUP + 1):
            for target in turn_order(targets, t):
                await target.trial(t, record=False)
        # whole-run CPU per server (/proc counts in ticks: too coarse for one trial)
        before = [cpu_seconds(target.pid) for target in targets]
        for t in range(WARMUP + 1, WARMUP + trials + 1):
            for target in turn_order(targets, t):
                await target.trial(t, record=True)
        for target, cpu in zip(targets, before, strict=True):
            target.cpu = cpu_seconds(target.pid) - cpu
    finally:
        gc.enable()


def trials_for(n: int, wanted: int) -> int:
    """Each participant votes once, so at most N - WARMUP trials."""
    return max(1, min(wanted, n - WARMUP))


async def run(
    sizes: list[int], trials: int, client_kind: str = "raw", with_disk: bool = True
) -> dict[str, Any]:
    """Every N: the floor, the hub on tmpfs and (unless told not to) the hub on the disk."""
    raise_open_files_limit()
    rows: list[dict[str, Any]] = []
    for n in sizes:
        count = trials_for(n, trials)
        targets: list[Target] = []
        try:
            targets.append(await floor_target(n))
            targets.append(await hub_target(n, tmpfs=True, client_kind=client_kind))
            if with_disk:
                targets.append(await hub_target(n, tmpfs=False, client_kind=client_kind))
            await interleaved(targets, count)
        finally:
            for target in targets:
                await target.cleanup()
        floor = targets[0]
        floor_p99 = max(floor.result(count)["delivery"]["p99_ms"], 1e-3)
        for target in targets:
            measured = target.result(count)
            ratio = round(measured["delivery"]["p99_ms"] / floor_p99, 2)
            low, high = p99_ratio_interval(target.per_trial, floor.per_trial)
            rows.append(
                {
                    "n": n,
                    "server": target.label,
                    **measured,
                    "p99_vs_floor": ratio,
                    "p99_vs_floor_ci95": [round(low, 2), round(high, 2)],
                }
            )
    return {"clients": client_kind, "trials": trials, "rows": rows}


def report(result: dict[str, Any]) -> str:
    rows = [
        [
            r["n"],
            r["server"],
            r["delivery"]["p50_ms"],
            r["delivery"]["p99_ms"],
            r["delivery"]["max_ms"],
            r["time_to_all"]["p50_ms"],
            r.get("p99_vs_floor", 1.0),
            "{:.2f}-{:.2f}".format(*r.get("p99_vs_floor_ci95", (1.0, 1.0))),
            r["server_cpu_ms_per_vote"],
        ]
        for r in result["rows"]
    ]
    head = [
        "N",
        "server",
        "p50 ms",
        "p99 ms",
        "max ms",
        "all p50 ms",
        "p99/floor",
        "95% CI (by vote)",
        "srv cpu ms/vote",
    ]
    title = (
        f"fan-out latency ({result['clients']} clients, {result['trials']} votes, every order"
        " in turn; goal p99/floor <= 1.25)\n"
    )
    return title + table(head, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--clients", choices=["raw", "link"], default="raw")
    parser.add_argument("--no-disk", action="store_true", help="skip the hub on the disk")
    parser.add_argument("--name", default=None, help="results/NAME.json (default fanout)")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.sizes, args.trials, args.clients, not args.no_disk))
    print(report(result))
    name = args.name or ("fanout" if args.clients == "raw" else "fanout_link")
    print(f"wrote {write_result(name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
