"""Every benchmark, one after the other, at a size that finishes in under 5 minutes.

    python -m benchmarks.run_all            # quick sizes (N up to 3,000, a 10 s storm)
    python -m benchmarks.run_all --full     # the issue's sizes (takes longer)
    python -m benchmarks.run_all --results-dir benchmarks/results/summary   # elsewhere

Prints every table and writes results/NAME.json for each, plus results/all.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import time
from pathlib import Path
from typing import Any

from benchmarks import bursts, capacity, fanout, hostview, journal, storm, transcript
from benchmarks.common import RESULTS_DIR, machine, write_result

QUICK: dict[str, Any] = {
    "fanout": {"sizes": [100, 1000, 3000], "trials": 15},
    "storm": {"clients": 1000, "rate": 2000, "seconds": 10},
    "capacity": {"clients": 5000},
    "bursts": {"clients": 1000},
    "journal": {"seconds": 2, "events": 200_000},
    "hostview": {"clients": 1000, "trials": 15, "storm_seconds": 5},
}
FULL: dict[str, Any] = {
    "fanout": {"sizes": [100, 1000, 3000], "trials": 40},
    "storm": {"clients": 1000, "rate": 2000, "seconds": 30},
    "capacity": {"clients": 5000},
    "bursts": {"clients": 1000},
    "journal": {"seconds": 5, "events": 200_000},
    "hostview": {"clients": 1000, "trials": 40, "storm_seconds": 10},
}


async def _network(sizes: dict[str, Any]) -> dict[str, Any]:
    f, s, c, b, h = (sizes[k] for k in ("fanout", "storm", "capacity", "bursts", "hostview"))
    results: dict[str, Any] = {}
    results["fanout"] = await fanout.run(f["sizes"], f["trials"])
    print(fanout.report(results["fanout"]), flush=True)
    results["storm"] = await storm.run(s["clients"], s["rate"], s["seconds"], 20, False)
    print("\n" + storm.report(results["storm"]), flush=True)
    results["capacity"] = await capacity.run(c["clients"])
    print("\n" + capacity.report(results["capacity"]), flush=True)
    results["bursts"] = await bursts.run(b["clients"])
    print("\n" + bursts.report(results["bursts"]), flush=True)
    results["hostview"] = await hostview.run(h["clients"], h["trials"], h["storm_seconds"])
    print("\n" + hostview.report(results["hostview"]), flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the issue's sizes")
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=RESULTS_DIR,
        help="where the JSON goes (default benchmarks/results; one run, kept together)",
    )
    args = parser.parse_args(argv)
    sizes = FULL if args.full else QUICK
    started = time.perf_counter()
    load_at_start = [round(load, 2) for load in os.getloadavg()]  # 1, 5, 15 min
    results = asyncio.run(_network(sizes))
    j = sizes["journal"]
    results["journal"] = journal.run(j["seconds"], j["events"])
    print("\n" + journal.report(results["journal"]), flush=True)
    results["transcript"] = transcript.run(200_000, 2_000)
    print("\n" + transcript.report(results["transcript"]), flush=True)
    for name, result in results.items():
        write_result(name, result, args.results_dir)
    elapsed = round(time.perf_counter() - started, 1)
    summary = {
        "sizes": "full" if args.full else "quick",
        "elapsed_s": elapsed,
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
    }
    document = {**summary, "machine": machine(), "results": results}
    path = write_result("all", document, args.results_dir)
    print(f"\nall benchmarks in {elapsed} s; wrote {path}")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
