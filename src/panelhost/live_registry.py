"""Where live sessions are: the sessions directories hubs on this machine serve from.

Every hub adds its sessions directory to a small file in the user data dir when it starts
listening, so `panelhost host` finds a live session whatever `--sessions-dir` it was started
with, from any working directory. The file only says where to look; each directory's
`<id>.live.json` files (and a live process) say what is live.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from pathlib import Path

from panelhost.paths import data_dir

FILE_NAME = "live-sessions.json"
MAX_DIRECTORIES = 50
"""Directories not used for the longest are forgotten past this many."""


def registry_path() -> Path:
    return data_dir() / FILE_NAME


def remember_sessions_dir(directory: Path, path: Path | None = None) -> None:
    """Record that a hub serves from `directory`; a failure to write is ignored."""
    path = path or registry_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # two hubs starting at once must not lose each other's entry
        with path.with_name(f".{path.name}.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            entries = _read(path)
            entries[str(directory.resolve())] = time.time()
            newest = sorted(entries.items(), key=lambda item: item[1], reverse=True)
            _write(path, dict(newest[:MAX_DIRECTORIES]))


def known_sessions_dirs(path: Path | None = None) -> list[Path]:
    """Every directory a hub has served from (most recent first) that still exists."""
    entries = _read(path or registry_path())
    ordered = sorted(entries.items(), key=lambda item: item[1], reverse=True)
    return [Path(name) for name, _ in ordered if Path(name).is_dir()]


def _read(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): float(at)
        for name, at in data.items()
        if isinstance(at, (int, float)) and not isinstance(at, bool)
    }


def _write(path: Path, entries: dict[str, float]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    os.replace(temporary, path)
