"""Where follow-up contact details live on disk, writing them out for the host, forgetting them.

They live in the session's journal (mode 0600), in `follow_up_asked` events, and in the
exports `panelhost export ID --follow-ups` writes to `<id>.follow-ups/` (0700, files 0600).
Forgetting rewrites the journal atomically with every message and email blanked (under the
journal's lock, so never while a hub serves the session) and deletes that folder.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import msgspec

from panelhost.core import events as ev
from panelhost.journal import encode_event, read_journal, write_atomic
from panelhost.sessionfiles import SessionFiles
from panelhost.transcript.followups import follow_up_lists


class ContactsError(Exception):
    """A one-line reason the follow-ups cannot be exported or forgotten."""


def follow_ups_dir(files: SessionFiles) -> Path:
    """Apart from the public transcript, so sharing `<id>.json` never shares these."""
    return files.directory / f"{files.session_id}.follow-ups"


def _private_write(path: Path, data: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.write(data)
    os.chmod(path, 0o600)  # an older file of another mode is made private too


def export_follow_ups(files: SessionFiles, directory: Path | None = None) -> list[Path]:
    """Write `<panelist>.md` and `.csv` for every panelist with follow-ups; the paths."""
    if not files.journal.is_file():
        raise ContactsError(f"no journal for session {files.session_id!r} in {files.directory}")
    lists = follow_up_lists(read_journal(files.journal).events)
    target = directory or follow_ups_dir(files)
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    written = []
    for panelist in lists:
        for suffix, data in ((".md", panelist.markdown), (".csv", panelist.csv)):
            path = target / f"{panelist.stem}{suffix}"
            _private_write(path, data)
            written.append(path)
    return written


def forget_contacts(files: SessionFiles) -> int:
    """Blank every follow-up's message and email in the journal, delete the exports; how
    many follow-ups were forgotten. Refused while a hub holds the journal (live)."""
    if not files.journal.is_file():
        raise ContactsError(f"no journal for session {files.session_id!r} in {files.directory}")
    fd = os.open(files.journal, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ContactsError(
                f"session {files.session_id} is live (a hub holds its journal): end it first"
            ) from None
        events = read_journal(files.journal).events
        forgotten = 0
        cleaned: list[ev.Event] = []
        for event in events:
            if isinstance(event, ev.FollowUpAsked) and (event.email or event.message):
                event = msgspec.structs.replace(event, email=None, message="")
                forgotten += 1
            cleaned.append(event)
        if forgotten:
            write_atomic(files.journal, b"".join(encode_event(e) for e in cleaned))
    finally:
        os.close(fd)
    shutil.rmtree(follow_ups_dir(files), ignore_errors=True)
    return forgotten
