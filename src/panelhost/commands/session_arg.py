"""The FILE|SESSION_ID argument that `export` and `replay` share, and opening it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from panelhost.cli import UsageError

if TYPE_CHECKING:
    from panelhost.transcript.locate import Opened


def add_session_argument(parser: argparse.ArgumentParser) -> None:
    """`FILE|SESSION_ID` and `--sessions-dir`."""
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


def open_session_argument(args: argparse.Namespace, command: str) -> Opened:
    """The session the arguments name; a problem is one line (UsageError), a warning too."""
    from panelhost.transcript import TranscriptError
    from panelhost.transcript.locate import open_session, sessions_dir

    try:
        opened = open_session(args.session, sessions_dir(args.sessions_dir))
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    if opened.warning:
        print(f"panelhost {command}: warning: {opened.warning}", file=sys.stderr)
    return opened
