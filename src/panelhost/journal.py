"""The session journal: events appended as JSON lines, fsync'd in groups, folded on recovery."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from panelhost.core.events import EVENT_SCHEMA, AnyEvent, Event
from panelhost.core.upcast import schema_of, too_new, upcast

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(AnyEvent)


def _line_decoder(schema: int) -> Callable[[bytes], Event]:
    """Decode a line of a journal in `schema`: typed at once when current, else upcast."""
    if schema == EVENT_SCHEMA:
        return _decoder.decode

    def decode_old(line: bytes) -> Event:
        event: Event = msgspec.convert(upcast(msgspec.json.decode(line), schema), AnyEvent)
        return event

    return decode_old


class JournalError(Exception):
    """The journal cannot be used; the message names the file and the line."""


UNTRUSTED = "; the journal cannot be trusted past it"


class JournalCorrupt(JournalError):
    """A line before the last is corrupt (or out of sequence): the events before it are whole."""


def encode_event(event: Event) -> bytes:
    """One journal line, newline included."""
    return _encoder.encode(event) + b"\n"


@dataclass(slots=True)
class Recovered:
    """What reading a journal found: its events, and a warning if a torn tail was dropped."""

    events: list[Event] = field(default_factory=list)
    warning: str | None = None
    good_size: int = 0
    """Bytes up to the end of the last whole line: where appending resumes."""
    corrupt: str | None = None
    """With `before_corruption`: why reading stopped early (the events are those before it)."""


def read_journal(path: Path, before_corruption: bool = False) -> Recovered:
    """Read every event; drop a torn last line with a warning; refuse a corrupt middle line.

    With `before_corruption`, a corrupt middle line ends the reading instead: the events
    before it are returned and `corrupt` says why (a partial rebuild, never a resume).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(f"{path}: no such journal") from None
    except OSError as exc:
        raise JournalError(f"{path}: cannot read the journal ({exc.strerror})") from None
    recovered = Recovered()
    lines = data.split(b"\n")
    # Everything before the last newline is whole lines; what follows it is a torn tail.
    tail = lines.pop()
    schema = schema_of(next((line for line in lines if line.strip()), b""))
    if (why := too_new(schema)) is not None:
        raise JournalError(f"{path}: {why}")
    decode = _line_decoder(schema)
    offset = 0
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        offset += len(line) + 1
        if not line.strip():
            continue
        problem: JournalCorrupt | None = None
        try:
            event = decode(line)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            if number == len(lines) and not tail:
                recovered.warning = _torn(path, number, exc)
                break
            problem = JournalCorrupt(f"{path}: line {number} is corrupt ({exc}){UNTRUSTED}")
        else:
            if event.seq != expected_seq:
                problem = JournalCorrupt(
                    f"{path}: line {number} has seq {event.seq}, expected {expected_seq}"
                )
        if problem is not None:
            if not before_corruption:
                raise problem from None
            recovered.corrupt = str(problem)
            return recovered
        expected_seq += 1
        recovered.events.append(event)
        recovered.good_size = offset
    if tail.strip():
        recovered.warning = _torn(path, len(lines) + 1, None)
    return recovered


def _torn(path: Path, number: int, exc: Exception | None) -> str:
    why = f" ({exc})" if exc else ""
    return f"{path}: dropped a torn last line {number}{why}: it was never acknowledged"


class JournalLocked(Exception):
    """Another process (another hub) holds the journal's lock: one journal, one writer."""


class JournalWriter:
    """Appends lines with `write` (in page cache at once) and makes them durable with `sync`.

    The file is opened for append and exclusively locked (`flock`) for the writer's life,
    so a second hub on the same session cannot interleave or overwrite lines: it gets
    JournalLocked. A failed `write` leaves the file as it was, so the caller can refuse.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        self._fd = os.open(path, flags, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise JournalLocked(f"{path} is locked by another hub") from None
        self.size = os.fstat(self._fd).st_size
        self._dirty = False

    def truncate(self, size: int) -> None:
        """Cut a torn tail (only under the lock: nobody else is appending)."""
        os.ftruncate(self._fd, size)
        self.size = size

    def write(self, data: bytes) -> None:
        """Append `data` whole, or raise OSError with the file unchanged."""
        try:
            written = os.write(self._fd, data)
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError:
            os.ftruncate(self._fd, self.size)
            raise
        self.size += len(data)
        self._dirty = True

    def sync(self) -> None:
        """fsync everything written so far (safe to call from a worker thread)."""
        if self._dirty:
            self._dirty = False
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # releases the lock
            self._fd = -1


def sync_directory(directory: Path) -> None:
    """fsync a directory so a new or renamed file in it survives a crash."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so a crash leaves either the old or the new one: temp, fsync, rename."""
    temp = path.with_name(f".{path.name}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    sync_directory(path.parent)
