"""Target 6 (and issue 3's host-queue figures): the host TUI attached while votes fan out.

The host app runs headless (`app.run_test()`) in its own process, connected as host
(benchmarks/hostapp.py). Measured in one run:

- fan-out p99 with the host TUI attached vs the same hub without it (interleaved trials,
  as in fanout.py); goal: within 10 %;
- under a storm of votes: the host screen's repaints per second (goal: <= 10), the time a
  key press takes to be handled, and the storm's vote-to-every-client p99 with and without
  the host TUI (fan-out not slowed).

    python -m benchmarks.hostview                  # N = 1,000; a 10 s storm of 2,000 votes/s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from typing import Any

from benchmarks import fanout, storm
from benchmarks.common import raise_open_files_limit, table, write_result
from benchmarks.hostapp import HostAppProcess


async def fanout_with_app(clients: int, trials: int) -> list[dict[str, Any]]:
    count = fanout.trials_for(clients, trials)
    targets: list[fanout.Target] = []
    app: HostAppProcess | None = None
    try:
        targets.append(await fanout.hub_target(clients, tmpfs=False))
        with_app = await fanout.hub_target(clients, tmpfs=False)
        assert with_app.hub is not None
        targets.append(with_app)
        app = await HostAppProcess.start(with_app.hub.url, with_app.hub.key)
        with_app.label = "hub (disk) + host TUI"
        await fanout.interleaved(targets, count)
    finally:
        if app is not None:
            await app.stop()
        for target in targets:
            await target.cleanup()
    base = max(targets[0].result(count)["delivery"]["p99_ms"], 1e-3)
    rows = []
    for target in targets:
        measured = target.result(count)
        ratio = round(measured["delivery"]["p99_ms"] / base, 2)
        rows.append({"n": clients, "server": target.label, **measured, "p99_vs_without": ratio})
    return rows


async def run(clients: int, trials: int, storm_seconds: float, rate: float = 2000) -> dict:
    raise_open_files_limit()
    rows = await fanout_with_app(clients, trials)
    without = await storm.run(clients, rate, storm_seconds, 20, False, with_host_app=False)
    with_app = await storm.run(clients, rate, storm_seconds, 20, False, with_host_app=True)
    return {"fanout": rows, "storm_without": without, "storm_with": with_app}


def report(result: dict[str, Any]) -> str:
    fan = table(
        ["N", "server", "p50 ms", "p99 ms", "max ms", "p99 vs without"],
        [
            [
                r["n"],
                r["server"],
                r["delivery"]["p50_ms"],
                r["delivery"]["p99_ms"],
                r["delivery"]["max_ms"],
                r["p99_vs_without"],
            ]
            for r in result["fanout"]
        ],
    )
    a, b = result["storm_without"], result["storm_with"]
    storm_rows = [
        ["vote to every client p99 ms", a["vote_to_every_client"]["p99_ms"],
         b["vote_to_every_client"]["p99_ms"]],
        ["hub CPU share", a["hub_cpu_share"], b["hub_cpu_share"]],
        ["host screen repaints/s", "-", b.get("host_app_repaints_per_s", "-")],
        ["host screen flushes/s", "-", b.get("host_app_flushes_per_s", "-")],
        ["key press p50 / p99 ms", "-",
         f"{b['host_app_key']['p50_ms']} / {b['host_app_key']['p99_ms']}"
         if "host_app_key" in b else "-"],
        ["key press p50 / p99 ms, idle session", "-",
         f"{b['host_app_key_idle']['p50_ms']} / {b['host_app_key_idle']['p99_ms']}"
         if "host_app_key_idle" in b else "-"],
    ]  # fmt: skip
    return (
        "fan-out with the host TUI attached (goal: p99 within 10 %)\n"
        + fan
        + f"\n\nstorm of {a['rate_wanted']:g} votes/s, {a['clients']} clients, with the host TUI"
        + " (goal: repaints <= 10/s, keys responsive, fan-out not slowed)\n"
        + table(["figure", "without TUI", "with TUI"], storm_rows)
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--storm-seconds", type=float, default=10)
    parser.add_argument("--name", default="hostview")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.clients, args.trials, args.storm_seconds))
    print(report(result))
    print(f"wrote {write_result(args.name, result)}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
