"""What the kernel holds for the hub's TCP sockets, read from /proc/net/tcp (and tcp6)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATES = {"01": "ESTABLISHED", "04": "FIN_WAIT1", "05": "FIN_WAIT2", "06": "TIME_WAIT"}


@dataclass(frozen=True, slots=True)
class KernelSocket:
    state: str
    remote_port: int
    unsent: int
    """Bytes in the send queue: kernel memory the socket pins until the peer reads them."""


def hub_sockets(port: int) -> list[KernelSocket]:
    """The connected sockets whose local port is `port` (the hub's side), from the kernel."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, state, queues = fields[1], fields[2], fields[3], fields[4]
            if int(local.rsplit(":", 1)[1], 16) != port or state == "0A":  # 0A: LISTEN
                continue
            tx_queue = int(queues.split(":")[0], 16)
            remote_port = int(remote.rsplit(":", 1)[1], 16)
            found.append(KernelSocket(STATES.get(state, state), remote_port, tx_queue))
    return found
