"""Target 3, capacity: N participants connected to one hub process, and its memory per connection.

The hub's resident memory is read before and after N participants joined (each welcomed);
the same is done for the floor (a bare websockets server, compression off) with N plain
connections. Goal: at most 32 KiB per connection at N = 5,000.

    python -m benchmarks.capacity                  # N = 5,000
    python -m benchmarks.capacity --clients 1000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from typing import Any

from benchmarks import loadgen
from benchmarks.common import (
    raise_open_files_limit,
    rss_bytes,
    sessions_root,
    start_floor,
    start_hub,
    table,
    write_result,
)
from benchmarks.rawclient import RawClient

SETTLE_S = 1.0
"""Let the last presence frames go out before reading memory."""


async def measure_hub(clients: int, tmpfs: bool) -> dict[str, Any]:
    hub = start_hub(sessions_root(tmpfs))
    crowd: list[RawClient] = []
    warm: list[RawClient] = []
    try:
        host = await loadgen.join_host(hub)
        await loadgen.ask_questions(host, 5)
        warm = [host, *await loadgen.join_crowd(hub, 10)]  # code paths loaded before the baseline
        await asyncio.sleep(SETTLE_S)
        before = rss_bytes(hub.pid)
        start = time.perf_counter()
        crowd = await loadgen.join_crowd(hub, clients)
        joined_s = time.perf_counter() - start
        await asyncio.sleep(SETTLE_S)
        after = rss_bytes(hub.pid)
        still_open = sum(1 for c in crowd if not c.closed.done())
    finally:
        loadgen.close_all(crowd)
        loadgen.close_all(warm)
        await asyncio.to_thread(hub.stop)
    return _row("hub", clients, before, after, still_open, joined_s)


async def measure_floor(clients: int) -> dict[str, Any]:
    floor = start_floor()
    crowd: list[RawClient] = []
    warm: list[RawClient] = []
    try:
        warm = await loadgen.open_floor_crowd(floor.port, 10)
        await asyncio.sleep(SETTLE_S)
        before = rss_bytes(floor.pid)
        start = time.perf_counter()
        crowd = await loadgen.open_floor_crowd(floor.port, clients)
        joined_s = time.perf_counter() - start
        await asyncio.sleep(SETTLE_S)
        after = rss_bytes(floor.pid)
        still_open = sum(1 for c in crowd if not c.closed.done())
    finally:
        loadgen.close_all(crowd)
        loadgen.close_all(warm)
        await asyncio.to_thread(floor.stop)
    return _row("floor", clients, before, after, still_open, joined_s)


def _row(
    server: str, clients: int, before: int, after: int, still_open: int, joined_s: float
) -> dict[str, Any]:
    return {
        "server": server,
        "clients": clients,
        "connected": still_open,
        "rss_before_mib": round(before / 2**20, 1),
        "rss_after_mib": round(after / 2**20, 1),
        "kib_per_connection": round((after - before) / clients / 1024, 1),
        "connect_and_welcome_s": round(joined_s, 2),
    }


async def run(clients: int, tmpfs: bool = False) -> dict[str, Any]:
    raise_open_files_limit()
    floor = await measure_floor(clients)
    hub = await measure_hub(clients, tmpfs)
    hub["vs_floor"] = round(hub["kib_per_connection"] / max(floor["kib_per_connection"], 0.1), 2)
    return {"rows": [floor, hub]}


def report(result: dict[str, Any]) -> str:
    head = ["server", "clients", "connected", "RSS before MiB", "RSS after MiB", "KiB/conn", "s"]
    rows = [
        [
            r["server"],
            r["clients"],
            r["connected"],
            r["rss_before_mib"],
            r["rss_after_mib"],
            r["kib_per_connection"],
            r["connect_and_welcome_s"],
        ]
        for r in result["rows"]
    ]
    return "capacity (goal: 5,000 connected, <= 32 KiB per connection)\n" + table(head, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--tmpfs", action="store_true")
    parser.add_argument("--name", default="capacity")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.clients, args.tmpfs))
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
