"""`panelhost export`: a session's notes as Markdown, its questions as CSV, or the transcript."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from panelhost.commands.session_arg import add_session_argument, open_session_argument

HELP = "export a session as Markdown notes, CSV (one row per question) or JSON"


def configure(parser: argparse.ArgumentParser) -> None:
    add_session_argument(parser)
    parser.add_argument(
        "--format", choices=("md", "csv", "json"), default="md", help="output format (md)"
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH", type=Path, help="write here instead of stdout"
    )
    parser.add_argument(
        "--follow-ups",
        action="store_true",
        help="the private follow-up lists, one Markdown and one CSV per panelist (mode 0600),"
        " into ID.follow-ups/ beside the journal (or -o DIR)",
    )


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError
    from panelhost.transcript import encode_transcript
    from panelhost.transcript.markdown import export_markdown
    from panelhost.transcript.table import export_csv

    if args.follow_ups:
        from panelhost.commands import contacts

        return contacts.export(args.session, args.sessions_dir, args.output)
    transcript = open_session_argument(args, "export").transcript
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
