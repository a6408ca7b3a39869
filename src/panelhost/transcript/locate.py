"""Finding a session's transcript from a file or a session id, building it from a journal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panelhost.journal import UNTRUSTED, JournalCorrupt, JournalError, read_journal
from panelhost.paths import ConfigError, default_sessions_dir
from panelhost.sessionfiles import JOURNAL_SUFFIX, SessionFiles
from panelhost.transcript.build import build_transcript
from panelhost.transcript.files import TranscriptError, load_transcript
from panelhost.transcript.model import Transcript


@dataclass(slots=True)
class Opened:
    """A transcript, the file it came from, and a warning worth showing (a torn journal tail)."""

    transcript: Transcript
    source: Path
    from_journal: bool = False
    warning: str | None = None


class CorruptJournal(TranscriptError):
    """A journal line before the last is corrupt: only a partial transcript can be built."""


def transcript_from_journal(path: Path, partial: bool = False) -> Opened:
    """Build the transcript of a session (live, ended or crashed) from its journal.

    A corrupt line before the last raises `CorruptJournal`, unless `partial`: then the
    transcript holds the events before it and says so in `session.partial`.
    """
    try:
        recovered = read_journal(path, before_corruption=partial)
    except JournalCorrupt as exc:
        raise CorruptJournal(str(exc)) from None
    except JournalError as exc:
        raise TranscriptError(str(exc)) from None
    if not recovered.events:
        why = ""
        if recovered.warning:  # its only line was torn: say so, it is why there is nothing
            why = f" ({recovered.warning.removeprefix(f'{path}: ')})"
        if recovered.corrupt:
            why = f" before its corrupt line ({recovered.corrupt.removeprefix(f'{path}: ')})"
        raise TranscriptError(f"{path}: the journal holds no events{why}")
    try:
        transcript = build_transcript(recovered.events)
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise TranscriptError(
            f"{path}: the journal's events do not fit together ({type(exc).__name__}: {exc})"
        ) from None
    if recovered.corrupt:
        kept = len(recovered.events)
        reason = recovered.corrupt.removeprefix(f"{path}: ").removesuffix(UNTRUSTED)
        transcript.session.partial = (
            f"journal {reason}: rebuilt from the {kept} journal events before it; "
            "anything after it is missing"
        )
    return Opened(transcript, path, from_journal=True, warning=recovered.warning)


def open_path(path: Path) -> Opened:
    """A transcript file, or a journal (`*.journal.jsonl`) to build one from."""
    if path.name.endswith(JOURNAL_SUFFIX):
        return transcript_from_journal(path)
    return Opened(load_transcript(path), path)


def newest_source(files: SessionFiles) -> Path | None:
    """The transcript unless the journal is newer (a live or resumed session); None if neither."""
    journal = _mtime(files.journal)
    transcript = _mtime(files.transcript)
    if transcript is not None and (journal is None or transcript >= journal):
        return files.transcript
    if journal is not None:
        return files.journal
    return None


def sessions_dir(given: Path | None) -> Path:
    """`given` (from `--sessions-dir`), else the configured or default sessions directory."""
    if given is not None:
        return given
    try:
        return default_sessions_dir()
    except ConfigError as exc:
        raise TranscriptError(str(exc)) from None


def open_session(target: str, sessions_dir: Path) -> Opened:
    """`target` is a transcript or journal path, or a session id in `sessions_dir`."""
    path = Path(target).expanduser()
    if path.exists():
        return open_path(path)
    if "/" in target or "\\" in target or target.endswith((".json", ".jsonl")):
        raise TranscriptError(f"{path}: no such file")
    source = newest_source(SessionFiles(sessions_dir, target))
    if source is None:
        raise TranscriptError(
            f"no session {target!r} in {sessions_dir} (panelhost sessions lists them; "
            "--sessions-dir DIR looks elsewhere)"
        )
    return open_path(source)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
