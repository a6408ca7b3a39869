"""`panelhost sessions`: saved sessions newest first; `--recover ID` rebuilds a transcript."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from panelhost.transcript.catalog import SessionEntry

HELP = "list saved sessions, newest first; --recover ID rebuilds a transcript from its journal"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        type=Path,
        help="where sessions are kept (default: the user data directory)",
    )
    parser.add_argument(
        "--recover",
        metavar="ID",
        help="write the transcript of session ID from its journal (one that never ended cleanly)",
    )
    parser.add_argument(
        "--forget-contacts",
        metavar="ID",
        help="delete for good the follow-ups' contact details and messages of session ID"
        " (its journal is rewritten; refused while the session is live)",
    )


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError
    from panelhost.transcript import TranscriptError
    from panelhost.transcript.locate import sessions_dir as resolve

    try:
        sessions_dir = resolve(args.sessions_dir)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    if args.forget_contacts is not None:
        from panelhost.commands import contacts

        return contacts.forget(args.forget_contacts, args.sessions_dir)
    if args.recover is not None:
        return _recover(args.recover, sessions_dir)
    return _list(sessions_dir, given_dir=args.sessions_dir is not None)


def _list(sessions_dir: Path, given_dir: bool) -> int:
    from panelhost.transcript.catalog import list_sessions

    entries = list_sessions(sessions_dir)
    if not entries:
        print(f"no sessions in {sessions_dir}")
        return 0
    for line in listing_lines(entries):
        print(line)
    where = f" --sessions-dir {sessions_dir}" if given_dir else ""
    if any(not e.ended and e.problem is None and not e.partial for e in entries):
        print(
            "NOT ENDED: live, or its hub stopped without `end`. "
            f"panelhost host --resume ID{where} continues it (or re-attaches to it); "
            f"panelhost sessions --recover ID{where} writes its transcript as it stands"
        )
    if any(e.partial and e.problem is not None for e in entries):
        print(
            "CORRUPT: a journal line before the last is damaged. "
            f"panelhost sessions --recover ID{where} rebuilds a partial transcript "
            "from the events before it"
        )
    return 0


HEADINGS = ("STARTED", "SESSION ID", "QUESTIONS", "LENGTH", "STATE", "TITLE", "FILE")


def listing_lines(entries: list[SessionEntry]) -> list[str]:
    """The listing as aligned columns under a heading; ID is what export and replay take."""
    from panelhost.core.durations import duration
    from panelhost.transcript.plaintext import moment, plain

    rows = [HEADINGS]
    for entry in entries:
        if entry.problem is not None:
            state = "CORRUPT" if entry.partial else "unreadable"
            # last, so a long reason does not widen the columns of the other rows
            rows.append(("?", entry.session_id or "?", "", "", state, "", plain(entry.problem)))
            continue
        state = "ended" if entry.ended else "NOT ENDED"
        if entry.partial:
            state = "PARTIAL, " + state
        if entry.journal_only:
            state += ", journal only"
        rows.append(
            (
                moment(entry.started_at)[:16],
                plain(entry.session_id),
                str(entry.questions),
                duration(entry.duration_ms),
                state,
                plain(entry.title),
                str(entry.path),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    return [
        "  ".join(
            cell.rjust(width) if column in (2, 3) else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _recover(session_id: str, sessions_dir: Path) -> int:
    from panelhost.cli import UsageError
    from panelhost.sessionfiles import SessionFiles
    from panelhost.transcript import TranscriptError, save_transcript
    from panelhost.transcript.locate import transcript_from_journal

    files = SessionFiles(sessions_dir, session_id)
    if "/" in session_id or "\\" in session_id or not files.journal.is_file():
        raise UsageError(
            f"no journal for session {session_id!r} in {sessions_dir} "
            "(panelhost sessions lists the sessions there)"
        )
    try:
        opened = transcript_from_journal(files.journal, partial=True)
        save_transcript(opened.transcript, files.transcript)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{files.transcript}: cannot write it ({exc.strerror})") from None
    if opened.warning:
        print(f"panelhost sessions: warning: {opened.warning}", file=sys.stderr)
    session = opened.transcript.session
    if session.partial is not None:
        warning = f"PARTIAL transcript: {session.partial}"
        print(f"panelhost sessions: warning: {warning}", file=sys.stderr)
    ended = "ended" if session.ended_at is not None else "never ended cleanly"
    partial = "PARTIAL, " if session.partial is not None else ""
    print(
        f"wrote {files.transcript}: {len(opened.transcript.events)} events, "
        f"{len(opened.transcript.questions)} questions ({partial}{ended})"
    )
    return 0
