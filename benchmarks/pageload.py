"""A process that loads the participant page (`GET /`) at a steady rate until SIGTERM, then
prints how many loads completed and failed, as one JSON line.

    python -m benchmarks.pageload --port 8765 --rate 200
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import time


async def load_once(port: int) -> int:
    """One page load on a fresh connection (the hub closes after each): its body size."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    if not raw.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(raw[:40])
    return len(raw.partition(b"\r\n\r\n")[2])


READY = "ready"
"""Its first line: the SIGTERM handler is in place (start_loader waits for it)."""


async def run(port: int, rate: float) -> dict[str, float]:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print(READY, flush=True)  # a SIGTERM before this line would kill it with nothing said
    done = failed = 0
    tasks: set[asyncio.Task[int]] = set()

    def finished(task: asyncio.Task[int]) -> None:
        nonlocal done, failed
        tasks.discard(task)
        if task.cancelled() or task.exception() is not None:
            failed += 1
        else:
            done += 1

    start = time.perf_counter()
    sent = 0
    while not stop.is_set():
        # keep to the schedule (sent / rate), whatever each load takes
        due = start + sent / rate
        delay = due - time.perf_counter()
        if delay > 0:
            try:
                await asyncio.wait_for(stop.wait(), delay)
                break
            except TimeoutError:
                pass
        task = asyncio.create_task(load_once(port))
        task.add_done_callback(finished)
        tasks.add(task)
        sent += 1
    elapsed = time.perf_counter() - start
    if tasks:
        await asyncio.wait(tasks, timeout=5)
    return {
        "loads": done,
        "failed": failed,
        "seconds": round(elapsed, 2),
        "per_second": round(done / max(elapsed, 1e-9), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rate", type=float, default=200)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.port, args.rate))), flush=True)


if __name__ == "__main__":
    main()
