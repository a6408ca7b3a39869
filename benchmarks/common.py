"""Shared by every benchmark: limits, hub processes, process figures, percentiles, reports."""

from __future__ import annotations

import atexit
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LOOPBACK = "127.0.0.1"
"""The only address any benchmark talks to."""


def raise_open_files_limit(wanted: int = 20_000) -> int:
    """Raise RLIMIT_NOFILE towards `wanted` (up to the hard limit); returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for a hub that must come back on it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def sessions_root(tmpfs: bool) -> Path:
    """A fresh directory for a hub's sessions, on the disk or on tmpfs; removed at exit."""
    base = "/dev/shm" if tmpfs and os.path.isdir("/dev/shm") else None
    path = Path(tempfile.mkdtemp(prefix="panelhost-bench-", dir=base))
    atexit.register(shutil.rmtree, path, True)
    return path


# -- processes ------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_setup() -> None:
    raise_open_files_limit()


@dataclass
class HubProcess:
    """A `panelhost serve` started for a benchmark, in its own process."""

    process: subprocess.Popen[str]
    session_id: str
    url: str
    code: str
    key: str
    sessions_dir: Path
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL, as in a crash."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)

    def stop(self) -> None:
        """SIGTERM and wait; SIGKILL if it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_hub(
    sessions_dir: Path,
    *,
    port: int = 0,
    resume: str | None = None,
    max_participants: int = 20_000,
    timeout: float = 60,
) -> HubProcess:
    """Start `panelhost serve` on 127.0.0.1 and wait until it says where it listens."""
    command = [
        sys.executable,
        "-m",
        "panelhost",
        "serve",
        "--bind",
        LOOPBACK,
        "--port",
        str(port),
        "--sessions-dir",
        str(sessions_dir),
        "--max-participants",
        str(max_participants),
        "--joins-per-minute",
        str(max_participants),  # every load client joins from 127.0.0.1
        "--title",
        "Benchmark",
    ]
    if resume:
        command += ["--resume", resume]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=_child_setup,
    )
    fields: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while "journal" not in fields:
        line = process.stdout.readline()
        if not line or time.monotonic() > deadline:
            process.kill()
            process.wait(10)
            raise RuntimeError("panelhost serve did not start")
        name, _, value = line.strip().partition(" ")
        fields[name] = value.strip()
    url = fields["address"]
    key_file = Path(fields["host"].removeprefix("key").strip())
    return HubProcess(
        process=process,
        session_id=fields["session"].split()[0],
        url=url,
        code=fields["join"].split()[-1],
        key=key_file.read_text().strip(),
        sessions_dir=sessions_dir,
        port=int(url.rsplit(":", 1)[1].split("/")[0]),
    )


# -- figures --------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p99 and max of durations in seconds, as milliseconds."""
    return {
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p99_ms": round(percentile(seconds, 99) * 1000, 2),
        "max_ms": round(max(seconds, default=0.0) * 1000, 2),
        "samples": len(seconds),
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.exists():
        for line in with_cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = int(meminfo.read_text().split()[1]) * 1024
    import websockets

    return {
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(memory / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "websockets": websockets.__version__,
    }


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table, columns padded to fit."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def write_result(name: str, result: dict[str, Any], directory: Path | None = None) -> Path:
    """Write a benchmark's result as JSON (with the machine) to results/NAME.json."""
    directory = directory or RESULTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.json"
    document = {"benchmark": name, "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **result}
    document.setdefault("machine", machine())
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


@dataclass
class FloorProcess:
    """The bare websockets server (benchmarks/floor.py) in its own process."""

    process: subprocess.Popen[str]
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_floor(timeout: float = 30) -> FloorProcess:
    """Start the floor server and wait for its port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.floor"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=_child_setup,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    line = process.stdout.readline()
    if not line.startswith("port ") or time.monotonic() > deadline:
        process.kill()
        process.wait(10)
        raise RuntimeError("the floor server did not start")
    return FloorProcess(process, int(line.split()[1]))
