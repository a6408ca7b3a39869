"""One live session in a hub: its state, its journal, and committing events to both."""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from panelhost import protocol as p
from panelhost.core import Actor, Rejected, State, apply, decide, fold
from panelhost.core import events as ev
from panelhost.core.rules import TITLE_MAX, clean_text
from panelhost.hub import credentials
from panelhost.hub.config import HubConfig
from panelhost.hub.fanout import Batch
from panelhost.journal import (
    JournalError,
    JournalLocked,
    JournalWriter,
    encode_event,
    read_journal,
    sync_directory,
)
from panelhost.livefile import read_live_file
from panelhost.sessionfiles import SessionFiles

log = logging.getLogger("panelhost.hub")


class SessionStartError(Exception):
    """The session cannot be created or resumed; the message says why and what to do."""


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:40].strip("-") or "session"


def new_session_id(directory: Path, title: str, now_ms: int) -> str:
    """`2026-11-24-em-alumni-panel`, with `-2`, `-3`... when that exists already."""
    day = datetime.fromtimestamp(now_ms / 1000, UTC).strftime("%Y-%m-%d")
    base = f"{day}-{_slug(title)}"
    candidate, n = base, 1
    while SessionFiles(directory, candidate).journal.exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def read_or_create_key(path: Path) -> str:
    """The host key in `path`; a new one written with mode 0600 if the file does not exist."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        return _create_key(path)
    except OSError as exc:
        raise SessionStartError(f"cannot read the key file {path}: {exc.strerror}") from None
    if len(key) < 22:
        raise SessionStartError(f"the key file {path} holds no usable key (at least 128 bits)")
    return key


def _create_key(path: Path) -> str:
    """Write a new key with mode 0600; on failure (disk full, read-only) leave no empty file."""
    key = credentials.new_key()
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with os.fdopen(fd, "w") as handle:
            handle.write(key + "\n")
            handle.flush()
            os.fsync(handle.fileno())  # a power cut must not leave a session without its key
    except OSError as exc:
        if created:
            path.unlink(missing_ok=True)
        raise SessionStartError(f"cannot write the key file {path}: {exc.strerror}") from None
    return key


def _open_journal(files: SessionFiles) -> JournalWriter:
    """The journal, opened for append and locked; a second hub is told who holds it."""
    try:
        return JournalWriter(files.journal)
    except JournalLocked:
        live = read_live_file(files.live, files.directory)
        holder = f"pid {live.get('pid')}, {live.get('url')}" if live else "its live file is gone"
        raise SessionStartError(
            f"session {files.session_id} is already served by another hub ({holder}); "
            "attach to it (panelhost host) or stop it first"
        ) from None
    except OSError as exc:
        raise SessionStartError(f"cannot write {files.journal}: {exc.strerror}") from None


class LiveSession:
    """The state of one session and the journal that makes every change durable."""

    def __init__(self, state: State, journal: JournalWriter, files: SessionFiles, key: str):
        self.state = state
        self.journal = journal
        self.files = files
        self.key = key
        self.warning: str | None = None
        self.write: Callable[[bytes], None] = journal.write
        """Where journal lines go: the hub routes them through its commit pipeline."""

    @classmethod
    def create(cls, config: HubConfig, now: int) -> LiveSession:
        directory = config.sessions_dir
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SessionStartError(f"cannot create {directory}: {exc.strerror}") from None
        title = clean_text(config.title, TITLE_MAX, "the title")
        if isinstance(title, Rejected):
            raise SessionStartError(title.message)
        session_id = new_session_id(directory, title, now)
        files = SessionFiles(directory, session_id)
        key = read_or_create_key(config.key_file or files.key)
        code = config.code or credentials.new_code()
        if not credentials.canonical_code(code):
            raise SessionStartError("the join code is empty; give letters or digits")
        try:
            journal = _open_journal(files)
        except SessionStartError:
            if config.key_file is None:
                files.key.unlink(missing_ok=True)
            raise
        session = cls(State(), journal, files, key)
        first = ev.SessionCreated(
            seq=1,
            at=now,
            session_id=session_id,
            title=title,
            settings=p.Settings(moderation=config.moderation),
            code=code,
            key_hash=credentials.digest(key),
            opens_early=config.opens_early,
        )
        try:
            session.commit(first, None)
            for name, panelist_title in config.panelists:
                request = p.PanelistAdd(name=name, title=panelist_title)
                decision = decide(session.state, Actor(None, "host"), request, now)
                if isinstance(decision, Rejected):
                    raise SessionStartError(f"panelist {name!r}: {decision.message}")
                for event in decision.events:
                    session.commit(event, None)
            journal.sync()
            sync_directory(directory)  # the new journal's and key's names are durable too
        except (OSError, SessionStartError) as exc:
            session.discard(own_key=config.key_file is None)
            if isinstance(exc, SessionStartError):
                raise
            raise SessionStartError(f"cannot write {files.journal}: {exc.strerror}") from None
        return session

    @classmethod
    def resume(cls, config: HubConfig, session_id: str) -> LiveSession:
        files = SessionFiles(config.sessions_dir, session_id)
        if not files.journal.exists():
            raise SessionStartError(
                f"no session {session_id!r} in {config.sessions_dir} "
                "(see `panelhost sessions`, or pass --sessions-dir)"
            )
        journal = _open_journal(files)  # locked before reading: nobody appends meanwhile
        try:
            session = cls._recover(config, files, journal)
        except BaseException:
            journal.close()
            raise
        return session

    @classmethod
    def _recover(
        cls, config: HubConfig, files: SessionFiles, journal: JournalWriter
    ) -> LiveSession:
        try:
            recovered = read_journal(files.journal)
        except JournalError as exc:
            raise SessionStartError(f"{exc}, so the session was not resumed") from None
        if not recovered.events or not isinstance(recovered.events[0], ev.SessionCreated):
            raise SessionStartError(f"{files.journal}: does not start with a session")
        state = fold(recovered.events)
        key = read_or_create_key(config.key_file or files.key)
        if state.key_hash is not None and not credentials.secrets_match(
            credentials.digest(key), state.key_hash
        ):
            raise SessionStartError(
                f"the key file {config.key_file or files.key} is not this session's host key"
            )
        try:
            journal.truncate(recovered.good_size)
        except OSError as exc:
            raise SessionStartError(f"cannot write {files.journal}: {exc.strerror}") from None
        session = cls(state, journal, files, key)
        session.warning = recovered.warning
        return session

    def discard(self, own_key: bool) -> None:
        """Remove a session just created and never served (nothing acknowledged yet): its
        journal and, when the session made it, its key, so nothing half-made is left behind
        and the next new session gets this id, not `-2`."""
        self.journal.close()
        self.files.journal.unlink(missing_ok=True)
        if own_key:
            self.files.key.unlink(missing_ok=True)

    @property
    def code(self) -> str:
        return self.state.code or ""

    def commit(self, event: ev.Event, batch: Batch | None) -> None:
        """Write `event` to the journal, then apply it; raises OSError with nothing changed."""
        self.write(encode_event(event))
        if batch is None:
            apply(self.state, event)
            return
        batch.wrote = True
        apply(self.state, event, batch.delta)

    def submit(self, actor: Actor, request: p.Request, now: int, batch: Batch) -> p.Ok | p.Error:
        """Decide a request and commit its events; the reply to send once the batch is durable."""
        decision = decide(self.state, actor, request, now)
        if isinstance(decision, Rejected):
            return p.Error(ref=request.ref, code=decision.code, message=decision.message)
        try:
            for event in decision.events:
                self.commit(event, batch)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return p.Error(
                ref=request.ref,
                code="unavailable",
                message=f"the hub cannot save changes right now ({reason}); try again later",
            )
        return p.Ok(ref=request.ref if request.ref is not None else 0, id=decision.id)


def write_transcript(session: LiveSession, path: Path) -> None:
    """Build the transcript from the journal on disk; a failure is logged, never raised."""
    try:
        from panelhost.transcript import build_transcript, save_transcript
    except ImportError:  # the transcript module is optional for the hub to run
        return
    try:
        session.journal.sync()
        events = read_journal(session.files.journal).events
        save_transcript(build_transcript(events), path)
    except Exception as exc:  # a failed transcript must not take the hub down
        log.error("could not write the transcript %s: %s", path, exc)
