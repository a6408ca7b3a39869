"""The floor: a bare websockets server that `broadcast()`s the frame a client sends it.

Run as its own process (`python -m benchmarks.floor`); it prints `port N` once listening.
No protocol, no journal, no state: what the websockets library alone costs. Each text
message received is broadcast as is, already encoded, to every connected client.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from websockets.asyncio.server import ServerConnection, broadcast, serve

from benchmarks.common import LOOPBACK, raise_open_files_limit


async def _main() -> None:
    clients: set[ServerConnection] = set()

    async def handler(ws: ServerConnection) -> None:
        clients.add(ws)
        try:
            async for message in ws:
                broadcast(clients, message, text=True)
        except Exception:
            pass
        finally:
            clients.discard(ws)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with serve(
        handler,
        LOOPBACK,
        0,
        compression=None,
        max_size=16 * 1024,
        ping_interval=20,
        close_timeout=2,
    ) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"port {port}", flush=True)
        await stop.wait()
        server.close()


def main() -> None:
    raise_open_files_limit()
    asyncio.run(_main())
    sys.exit(0)


if __name__ == "__main__":
    main()
