"""The host TUI, headless, in its own process, connected to a hub as host (targets 6 and 3).

Child: `python -m benchmarks.hostapp URL`, with the host key in $PANELHOST_BENCH_HOST_KEY.
It runs `make_host_app` under `app.run_test()`, prints `ready` once its link is connected,
then obeys one command per line on stdin: `keys on` / `keys off` (press down/up ten times
a second, timing each press until the app has handled it), `mark` (print one JSON line:
repaints, flushes, key latencies since the last mark), `quit`.

Parent: `await HostAppProcess.start(url, key)`, `await mark()`, `await stop()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

KEY_INTERVAL_S = 0.1


async def _child(url: str, key: str) -> None:
    from panelhost.tui.host.app import make_host_app

    app = make_host_app(url, key)
    async with app.run_test(headless=True, size=(120, 40)):
        await app.link.wait_until(lambda link: link.connected, 60)
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        latencies: list[float] = []
        pressing = asyncio.Event()

        handled = asyncio.Event()

        def on_cursor_action(method: Any) -> Any:
            def timed(*args: Any, **kwargs: Any) -> Any:
                handled.set()
                return method(*args, **kwargs)

            return timed

        async def press_keys() -> None:
            # A key's latency is from the key event until the app runs its action (the list's
            # cursor move): how long a key waits behind everything else the app is doing.
            # Pilot.press would also wait for the whole app to go idle, which a storm of
            # incoming votes rarely allows, and a cursor row can move by a re-rank alone.
            queue = app.screen.focused
            while queue is None or not getattr(queue, "row_count", 0):
                await asyncio.sleep(0.05)
                queue = app.screen.focused
            for name in ("action_cursor_down", "action_cursor_up"):
                setattr(queue, name, on_cursor_action(getattr(queue, name)))
            down = True
            while True:
                await pressing.wait()
                handled.clear()
                start = time.perf_counter()
                app.simulate_key("down" if down else "up")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(handled.wait(), 10)
                    latencies.append(time.perf_counter() - start)
                down = not down
                await asyncio.sleep(KEY_INTERVAL_S)

        presser = asyncio.create_task(press_keys())
        while True:
            line = (await reader.readline()).decode().strip()
            if not line or line == "quit":
                break
            if line == "keys on":
                pressing.set()
            elif line == "keys off":
                pressing.clear()
            elif line == "mark":
                report = {
                    "t": time.perf_counter(),
                    "repaints": app.stats.repaints,
                    "flushes": app.stats.flushes,
                    "keys": latencies,
                }
                latencies = []
                print(json.dumps(report), flush=True)
        presser.cancel()
        await app.link.close()


class HostAppProcess:
    """The parent's handle on a headless host TUI process."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    @property
    def pid(self) -> int:
        return self.process.pid

    @classmethod
    async def start(cls, url: str, key: str, timeout: float = 60) -> HostAppProcess:
        root = Path(__file__).resolve().parent.parent
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env["PANELHOST_BENCH_HOST_KEY"] = key  # not on the command line, where ps shows it
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.hostapp", url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        handle = cls(process)
        line = await asyncio.wait_for(asyncio.to_thread(handle._readline), timeout)
        if line != "ready":
            handle.kill()
            raise RuntimeError("the host app did not connect")
        return handle

    def _readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().decode().strip()

    def _send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()

    def keys(self, on: bool) -> None:
        self._send("keys on" if on else "keys off")

    async def mark(self) -> dict[str, Any]:
        self._send("mark")
        return dict(json.loads(await asyncio.to_thread(self._readline)))

    async def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self._send("quit")
                await asyncio.to_thread(self.process.wait, 15)
            except (OSError, subprocess.TimeoutExpired):
                self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


if __name__ == "__main__":
    asyncio.run(_child(sys.argv[1], os.environ["PANELHOST_BENCH_HOST_KEY"]))
