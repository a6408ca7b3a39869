"""`panelhost export`: a session's notes as Markdown, its questions as CSV, or the transcript."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "export a session as Markdown notes, CSV (one row per question) or JSON"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session",
        metavar="FILE|SESSION_ID",
        help="a transcript (.json), a journal (.journal.jsonl) or a session id",
    )
    parser.add_argument(
        "--format", choices=("md", "csv", "json"), default="md", help="output format (md)"
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH", type=Path, help="write here instead of stdout"
    )
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        type=Path,
        help="where session ids are looked up (default: the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError
    from panelhost.transcript import TranscriptError, encode_transcript
    from panelhost.transcript.locate import open_session, sessions_dir
    from panelhost.transcript.markdown import export_markdown
    from panelhost.transcript.table import export_csv

    try:
        opened = open_session(args.session, sessions_dir(args.sessions_dir))
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    if opened.warning:
        print(f"panelhost export: warning: {opened.warning}", file=sys.stderr)
    transcript = opened.transcript
    if args.format == "md":
        data = export_markdown(transcript).encode()
    elif args.format == "csv":
        data = export_csv(transcript).encode()
    else:
        data = encode_transcript(transcript)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write it ({exc.strerror})") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
