"""`<id>.live.json`: how to reach the hub serving a session, written and trusted with care.

`panelhost host` re-attaches by reading it and sending the key file it names to the URL it
names, so a forged one could make it send any file to any address. It is therefore written
atomically (mode 0600) and trusted only when owned by this user, not readable or writable
by anyone else, and naming a key file inside the sessions directory that is just as
private.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any


def write_live_file(path: Path, info: dict[str, Any]) -> None:
    """Write `info` so a reader sees the old file or the whole new one, never half of it."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w") as handle:
            json.dump(info, handle)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def untrusted_reason(path: Path) -> str | None:
    """Why the file at `path` must not be believed (None: it may be): owner, mode, kind."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if info.st_uid != os.getuid():
        return "it belongs to another user"
    if info.st_mode & 0o077:
        return f"its mode is {stat.S_IMODE(info.st_mode):04o}, not 0600"
    return None


def key_file_inside(key_file: Path, sessions_dir: Path) -> bool:
    """Whether `key_file` (symlinks resolved) lies in `sessions_dir`."""
    try:
        return key_file.resolve().parent == sessions_dir.resolve()
    except OSError:
        return False


def read_live_file(path: Path, sessions_dir: Path) -> dict[str, Any] | None:
    """The live file's fields, or None when it is missing, malformed or not to be trusted."""
    if untrusted_reason(path) is not None:
        return None
    try:
        with open(path, encoding="utf-8", opener=_no_follow) as handle:
            info = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not isinstance(info.get("key_file"), str):
        return None
    key_file = Path(info["key_file"])
    if not key_file_inside(key_file, sessions_dir) or untrusted_reason(key_file) is not None:
        return None
    return info


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
