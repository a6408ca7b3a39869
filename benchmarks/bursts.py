"""Target 4, bursts: N participants joining at once; N resuming after the hub was SIGKILLed.

Both use the project's own `Link` (the real reconnect and resume code, with its backoff and
jitter). The join burst is also run with raw clients, to show what the Link itself costs.

- join: N links started at once; time until each is welcomed (goal: all within 3 s).
- resume: N links connected; the hub is killed with SIGKILL and restarted with `--resume` on
  the same port; time until every link is welcomed again under its own identity (goal: all
  within 10 s), counted from the restart and from the kill.

    python -m benchmarks.bursts                    # N = 1,000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from typing import Any

from benchmarks import loadgen
from benchmarks.common import (
    free_port,
    own_cpu_seconds,
    raise_open_files_limit,
    sessions_root,
    start_hub,
    summary_ms,
    table,
    write_result,
)
from benchmarks.rawclient import RawClient
from panelhost.client.link import Link
from panelhost.client.link_events import LinkEvent, Welcomed


async def join_burst_links(clients: int, tmpfs: bool) -> dict[str, Any]:
    hub = start_hub(sessions_root(tmpfs))
    crowd = loadgen.LinkCrowd(hub, clients)
    welcomed_at: dict[int, float] = {}

    def on_welcome(link: Link, event: LinkEvent) -> None:
        if isinstance(event, Welcomed) and id(link) not in welcomed_at:
            welcomed_at[id(link)] = time.perf_counter()

    host: RawClient | None = None
    try:
        host = await loadgen.join_host(hub)
        await loadgen.ask_questions(host, 10)
        crowd.add_listener(on_welcome)
        cpu = own_cpu_seconds()
        crowd.start()
        await crowd.wait_all(lambda link: link.welcomes >= 1, 60)
        cpu = own_cpu_seconds() - cpu
        waits = [at - crowd.started_at for at in welcomed_at.values()]
    finally:
        if host is not None:
            host.close()
        await crowd.close()
        await asyncio.to_thread(hub.stop)
    return {"clients": "link", "welcomed": len(waits), **_burst(waits, cpu)}


async def join_burst_raw(clients: int, tmpfs: bool) -> dict[str, Any]:
    hub = start_hub(sessions_root(tmpfs))
    crowd: list[RawClient] = []
    host: RawClient | None = None
    try:
        host = await loadgen.join_host(hub)
        await loadgen.ask_questions(host, 10)
        cpu = own_cpu_seconds()
        start = time.perf_counter()
        crowd = await loadgen.join_crowd(hub, clients, concurrency=clients)
        cpu = own_cpu_seconds() - cpu
        waits = [c.welcome_at - start for c in crowd]
    finally:
        loadgen.close_all(crowd)
        if host is not None:
            host.close()
        await asyncio.to_thread(hub.stop)
    return {"clients": "raw", "welcomed": len(waits), **_burst(waits, cpu)}


def _burst(waits: list[float], cpu: float) -> dict[str, Any]:
    wall = max(waits, default=0.0)
    return {
        "wait": summary_ms(waits),
        "all_welcomed_s": round(wall, 2),
        "loadgen_cpu_share": round(cpu / wall, 2) if wall else 0.0,
    }


async def resume_burst(clients: int, tmpfs: bool) -> dict[str, Any]:
    """Kill the hub under N connected links, restart it with --resume on the same port."""
    root = sessions_root(tmpfs)
    port = free_port()
    hub = start_hub(root, port=port)
    crowd = loadgen.LinkCrowd(hub, clients)
    restarted = None
    try:
        crowd.start()
        await crowd.wait_all(lambda link: link.connected, 60)
        identities = [link.you.id if link.you else None for link in crowd.links]
        killed_at = time.perf_counter()
        hub.kill()
        restarted = start_hub(root, port=port, resume=hub.session_id)
        ready_at = time.perf_counter()
        await crowd.wait_all(lambda link: link.welcomes >= 2 and link.connected, 60)
        done_at = time.perf_counter()
        same = sum(
            1
            for link, before in zip(crowd.links, identities, strict=True)
            if link.you is not None and link.you.id == before and not link.dropped_token
        )
    finally:
        await crowd.close()
        hub.kill()
        if restarted is not None:
            await asyncio.to_thread(restarted.stop)
    return {
        "clients": clients,
        "resumed_same_identity": same,
        "restart_s": round(ready_at - killed_at, 2),
        "all_resumed_after_restart_s": round(done_at - ready_at, 2),
        "all_resumed_after_kill_s": round(done_at - killed_at, 2),
    }


async def run(clients: int, tmpfs: bool = False) -> dict[str, Any]:
    raise_open_files_limit()
    joins = [await join_burst_links(clients, tmpfs), await join_burst_raw(clients, tmpfs)]
    resume = await resume_burst(clients, tmpfs)
    return {"clients": clients, "join": joins, "resume": resume}


def report(result: dict[str, Any]) -> str:
    head = ["clients", "welcomed", "p50 ms", "p99 ms", "max ms", "all (s)", "gen cpu"]
    rows = [
        [
            j["clients"],
            j["welcomed"],
            j["wait"]["p50_ms"],
            j["wait"]["p99_ms"],
            j["wait"]["max_ms"],
            j["all_welcomed_s"],
            j["loadgen_cpu_share"],
        ]
        for j in result["join"]
    ]
    r = result["resume"]
    resume = table(
        ["clients", "same identity", "restart s", "after restart s", "after kill s"],
        [
            [
                r["clients"],
                r["resumed_same_identity"],
                r["restart_s"],
                r["all_resumed_after_restart_s"],
                r["all_resumed_after_kill_s"],
            ]
        ],
    )
    return (
        f"join burst: {result['clients']} at once (goal: all welcomed within 3 s)\n"
        + table(head, rows)
        + "\n\nresume burst after SIGKILL + --resume (goal: all within 10 s)\n"
        + resume
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--tmpfs", action="store_true")
    parser.add_argument("--name", default="bursts")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.clients, args.tmpfs))
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
