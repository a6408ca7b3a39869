"""`panelhost sessions`: saved sessions newest first; `--recover ID` rebuilds a transcript."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError
    from panelhost.transcript import TranscriptError
    from panelhost.transcript.locate import sessions_dir as resolve

    try:
        sessions_dir = resolve(args.sessions_dir)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    if args.recover is not None:
        return _recover(args.recover, sessions_dir)
    return _list(sessions_dir)


def _list(sessions_dir: Path) -> int:
    from panelhost.durations import duration
    from panelhost.transcript.catalog import list_sessions
    from panelhost.transcript.plaintext import moment, plain

    entries = list_sessions(sessions_dir)
    if not entries:
        print(f"no sessions in {sessions_dir}")
        return 0
    for entry in entries:
        if entry.problem is not None:
            print(f"?                     unreadable  {plain(entry.problem)}")
            continue
        state = "ended" if entry.ended else "NOT ENDED"
        if entry.journal_only:
            state += ", journal only"
        questions = f"{entry.questions} question{'' if entry.questions == 1 else 's'}"
        print(
            f"{moment(entry.started_at)[:16]}  {plain(entry.title)}  ·  {questions}  ·  "
            f"{duration(entry.duration_ms)}  ·  {state}  ·  {entry.path}"
        )
    if any(e.journal_only and not e.ended and e.problem is None for e in entries):
        print(
            "sessions marked NOT ENDED are live or stopped without `end`; "
            "panelhost sessions --recover ID writes their transcript"
        )
    return 0


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
        opened = transcript_from_journal(files.journal)
        save_transcript(opened.transcript, files.transcript)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{files.transcript}: cannot write it ({exc.strerror})") from None
    if opened.warning:
        print(f"panelhost sessions: warning: {opened.warning}", file=sys.stderr)
    transcript = opened.transcript
    ended = "ended" if transcript.session.ended_at is not None else "never ended cleanly"
    print(
        f"wrote {files.transcript}: {len(transcript.events)} events, "
        f"{len(transcript.questions)} questions ({ended})"
    )
    return 0
