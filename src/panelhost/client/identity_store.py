"""Remembered names and resume tokens, per hub, session and name, in the user's state dir (0600).

Several people may join one session from one computer (a shared lab machine): each name
keeps its own token, so nobody comes back as somebody else.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from panelhost.paths import state_dir

FILE_NAME = "identities.json"
MAX_ENTRIES = 200
"""Oldest entries are forgotten past this many, so the file stays small."""


def normalise_code(code: str) -> str:
    """Join codes compare case-insensitively, ignoring spaces and dashes (PROTOCOL.md)."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def identity_key(url: str, role: str, code: str | None) -> str:
    """The key an identity is remembered under before the hub has said which session it is."""
    return f"{role} {url} {normalise_code(code or '')}"


@dataclass(frozen=True, slots=True)
class Remembered:
    """What a client needs to come back as the same identity."""

    name: str
    token: str | None
    session_id: str | None = None
    saved_at: float = 0.0
    withdrawn: tuple[int, ...] = ()
    """Questions this identity withdrew: the wire says `dismissed` for those too."""


class IdentityStore:
    """A small JSON file of remembered identities; every write is atomic and mode 0600."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / FILE_NAME

    def load_all(self, key: str) -> list[Remembered]:
        """Everyone remembered under `key`, most recently joined first."""
        entry = self._read().get(key)
        if not isinstance(entry, dict):
            return []
        people = entry.get("people")
        if not isinstance(people, dict):
            people = {"": entry}  # one identity per key, as files before names kept them
        found = [_remembered(person) for person in people.values() if isinstance(person, dict)]
        return sorted((r for r in found if r is not None), key=lambda r: r.saved_at, reverse=True)

    def load(self, key: str, name: str | None = None) -> Remembered | None:
        """The one remembered under `key` by that `name` (or the latest), or None."""
        for remembered in self.load_all(key):
            if name is None or remembered.name == name:
                return remembered
        return None

    def save(self, key: str, remembered: Remembered) -> None:
        """Remember an identity beside the others of `key`; a failure to write is ignored."""
        entries = self._read()
        people = {r.name: asdict(r) for r in self.load_all(key)}
        people[remembered.name] = asdict(remembered) | {"saved_at": time.time()}
        entries[key] = {"people": people, "saved_at": time.time()}
        if len(entries) > MAX_ENTRIES:
            by_age = sorted(entries, key=lambda k: _saved_at(entries[k]))
            for old in by_age[: len(entries) - MAX_ENTRIES]:
                del entries[old]
        with contextlib.suppress(OSError):
            self._write(entries)

    def forget(self, key: str, name: str | None = None) -> None:
        """Drop everyone remembered under `key`, or only `name` (say, its token was refused)."""
        entries = self._read()
        if key not in entries:
            return
        if name is None:
            del entries[key]
        else:
            people = {r.name: asdict(r) for r in self.load_all(key) if r.name != name}
            entries[key] = {"people": people, "saved_at": _saved_at(entries[key])}
        with contextlib.suppress(OSError):
            self._write(entries)

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)}

    def _write(self, entries: dict[str, dict[str, object]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entries, handle, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise


def _remembered(entry: dict[str, object]) -> Remembered | None:
    name, token = entry.get("name"), entry.get("token")
    if not isinstance(name, str) or not (token is None or isinstance(token, str)):
        return None
    session_id = entry.get("session_id")
    withdrawn = entry.get("withdrawn")
    return Remembered(
        name=name,
        token=token,
        session_id=session_id if isinstance(session_id, str) else None,
        saved_at=_saved_at(entry),
        withdrawn=tuple(
            i
            for i in (withdrawn if isinstance(withdrawn, list) else [])
            if isinstance(i, int) and not isinstance(i, bool)
        ),
    )


def _saved_at(entry: dict[str, object]) -> float:
    """When an entry was saved; 0.0 when the file has no number there (old or hand-edited)."""
    value = entry.get("saved_at")
    # bool is an int, but never a time.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return 0.0
