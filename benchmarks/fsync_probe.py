"""`panelhost serve` with its journal's fsync interposed, for durability tests that need more
than SIGKILL (the page cache survives SIGKILL, so a kill alone cannot tell fsync happened).

    python benchmarks/fsync_probe.py --synced FILE [--mode record|fail|skip] -- serve ARGS...

- `record` (default): every successful fsync of a journal appends, to FILE, the journal's
  length when that fsync began (bytes written before it are durable once it returns). A
  power-loss test cuts the journal back to the last length after a kill.
- `fail`: every fsync of a journal fails with EIO (as a dying disk does).
- `skip`: the first fsync of a journal (the new session) works, every later one does
  nothing and records nothing: a hub that forgot to fsync, which the power-loss harness
  must catch.

Successful fsyncs of a directory are recorded too, as `dir PATH` lines (a new file's name
is durable only once its directory is synced).

Nothing in panelhost knows about this: `os.fsync` is replaced in this process before the
hub is imported, the way a test would interpose on the C library.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path

JOURNAL_SUFFIX = ".journal.jsonl"


def _is_journal(fd: int) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").endswith(JOURNAL_SUFFIX)
    except OSError:
        return False


def interpose(mode: str, synced: str) -> None:
    """Replace `os.fsync` for journal descriptors according to `mode`."""
    real_fsync = os.fsync
    record = os.open(synced, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    journal_syncs = 0

    def fsync(fd: int) -> None:
        nonlocal journal_syncs
        if not _is_journal(fd):
            real_fsync(fd)
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                os.write(record, f"dir {os.readlink(f'/proc/self/fd/{fd}')}\n".encode())
            return
        if mode == "fail":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        journal_syncs += 1
        if mode == "skip" and journal_syncs > 1:
            return
        length = os.fstat(fd).st_size
        real_fsync(fd)
        os.write(record, f"{length}\n".encode())

    os.fsync = fsync  # type: ignore[assignment]


def _records(synced: Path) -> list[str]:
    try:
        with open(synced) as handle:
            return [line for line in handle.read().splitlines() if line.strip()]
    except FileNotFoundError:
        return []


def last_synced_length(synced: Path) -> int:
    """The journal length at the last successful fsync recorded in `synced` (0: none)."""
    lengths = [line for line in _records(synced) if not line.startswith("dir ")]
    return int(lengths[-1]) if lengths else 0


def synced_directories(synced: Path) -> list[str]:
    """Every directory fsync'd under the probe, in order."""
    return [line.removeprefix("dir ") for line in _records(synced) if line.startswith("dir ")]


def launcher(synced: Path, mode: str = "record") -> list[str]:
    """What runs `panelhost` under this probe: put `serve ARGS...` after it."""
    return [sys.executable, str(Path(__file__)), "--synced", str(synced), "--mode", mode, "--"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synced", required=True, help="file that records synced lengths")
    parser.add_argument("--mode", choices=("record", "fail", "skip"), default="record")
    parser.add_argument("panelhost", nargs=argparse.REMAINDER, help="-- serve ARGS...")
    args = parser.parse_args()
    interpose(args.mode, args.synced)
    from panelhost.cli import main as panelhost_main

    argv = args.panelhost[1:] if args.panelhost[:1] == ["--"] else args.panelhost
    return panelhost_main(argv)


if __name__ == "__main__":
    sys.exit(main())
