"""The saved sessions of a sessions directory: transcripts, and journals never made into one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panelhost.sessionfiles import SessionFiles, session_ids
from panelhost.transcript.files import TranscriptError, load_summary
from panelhost.transcript.locate import CorruptJournal, newest_source, transcript_from_journal
from panelhost.transcript.model import SessionRecord


@dataclass(slots=True)
class SessionEntry:
    """One line of `panelhost sessions`."""

    path: Path
    session_id: str = ""
    title: str = ""
    started_at: int = 0
    duration_ms: int = 0
    questions: int = 0
    ended: bool = False
    journal_only: bool = False
    """No up-to-date transcript: built from the journal (live, or never ended cleanly)."""
    problem: str | None = None
    """Why the file could not be read; the other fields are then empty."""
    partial: bool = False
    """A partial transcript (rebuilt from before a corrupt journal line), or, with a
    `problem`, a journal with a corrupt middle line that `--recover` can rebuild so."""


NOT_SESSIONS = (".live.json", ".schema.json")
"""JSON files beside the sessions that are not transcripts."""


def list_sessions(directory: Path) -> list[SessionEntry]:
    """Every session in `directory`, newest first; unreadable files are listed with the problem."""
    if not directory.is_dir():
        return []
    entries: list[SessionEntry] = []
    covered: set[Path] = set()
    for session_id in session_ids(directory):
        files = SessionFiles(directory, session_id)
        source = newest_source(files)
        if source == files.journal:
            entries.append(_from_journal(files))
        covered.add(files.transcript)
        if source == files.transcript:
            entries.append(_from_transcript(files.transcript))
    for path in sorted(directory.glob("*.json")):
        if path in covered or path.name.startswith(".") or path.name.endswith(NOT_SESSIONS):
            continue
        entries.append(_from_transcript(path))
    entries.sort(key=lambda e: (e.problem is None, e.started_at, str(e.path)), reverse=True)
    return entries


def _from_transcript(path: Path) -> SessionEntry:
    try:
        summary = load_summary(path)
    except TranscriptError as exc:
        return SessionEntry(path, problem=str(exc))
    return _entry(path, summary.session, len(summary.questions), journal_only=False)


def _from_journal(files: SessionFiles) -> SessionEntry:
    path = files.journal
    try:
        transcript = transcript_from_journal(path).transcript
    except CorruptJournal as exc:
        return SessionEntry(
            path, files.session_id, journal_only=True, problem=str(exc), partial=True
        )
    except TranscriptError as exc:
        return SessionEntry(path, files.session_id, journal_only=True, problem=str(exc))
    return _entry(path, transcript.session, len(transcript.questions), journal_only=True)


def _entry(path: Path, session: SessionRecord, questions: int, journal_only: bool) -> SessionEntry:
    return SessionEntry(
        path,
        partial=session.partial is not None,
        session_id=session.id,
        title=session.title,
        started_at=session.started_at,
        duration_ms=session.duration_ms,
        questions=questions,
        ended=session.ended_at is not None,
        journal_only=journal_only,
    )
