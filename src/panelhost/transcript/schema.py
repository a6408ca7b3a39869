"""The transcript's JSON Schema, generated from the msgspec types.

`python -m panelhost.transcript.schema` rewrites `sessions/transcript.schema.json`;
`--check` exits 1 when the file differs from what the types say.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import msgspec

from panelhost.transcript.model import Transcript

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "sessions" / "transcript.schema.json"
"""Where the schema lives in a source checkout."""


def transcript_schema() -> bytes:
    """The schema as formatted JSON with a trailing newline."""
    schema = msgspec.json.schema(Transcript)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "panelhost transcript, format v1",
        **schema,
    }
    return msgspec.json.format(msgspec.json.encode(schema), indent=2) + b"\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema, or with `--check` compare it to the file."""
    parser = argparse.ArgumentParser(prog="python -m panelhost.transcript.schema")
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    parser.add_argument("path", nargs="?", type=Path, default=SCHEMA_PATH)
    args = parser.parse_args(argv)
    expected = transcript_schema()
    if args.check:
        try:
            current = args.path.read_bytes()
        except OSError:
            current = b""
        if current != expected:
            print(f"{args.path} is out of date: run python -m panelhost.transcript.schema")
            return 1
        return 0
    args.path.write_bytes(expected)
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
