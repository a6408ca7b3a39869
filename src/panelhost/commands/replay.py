"""`panelhost replay`: play a session back in the terminal, from a transcript or a session id."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "play a session back: the queue, the timer and the notes as they were at any moment"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session",
        metavar="FILE|SESSION_ID",
        help="a transcript (.json), a journal (.journal.jsonl) or a session id",
    )
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        type=Path,
        help="where session ids are looked up (default: the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError, require_terminal
    from panelhost.transcript import TranscriptError
    from panelhost.transcript.locate import open_session, sessions_dir
    from panelhost.tui.replay.app import make_replay_app

    try:
        opened = open_session(args.session, sessions_dir(args.sessions_dir))
        app = make_replay_app(opened.transcript, str(opened.source))
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    if opened.warning:
        print(f"panelhost replay: warning: {opened.warning}", file=sys.stderr)
    require_terminal(f"to read the session without one, use panelhost export {args.session}")
    app.run()
    return 0
