"""The checked-in JSON Schema matches the msgspec types; the package needs no UI libraries."""

from __future__ import annotations

import json
import subprocess
import sys

from panelhost.transcript.schema import SCHEMA_PATH, main, transcript_schema


def test_the_schema_file_is_generated_from_the_types() -> None:
    assert SCHEMA_PATH.read_bytes() == transcript_schema(), (
        "sessions/transcript.schema.json is out of date: run python -m panelhost.transcript.schema"
    )
    schema = json.loads(SCHEMA_PATH.read_text())
    assert "IdentityCreated" not in schema["$defs"]
    assert schema["$defs"]["Transcript"]["properties"]["format"] == {
        "enum": ["panelhost-transcript"]
    }


def test_check_mode_reports_drift_in_one_line(tmp_path, capsys) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}")
    assert main(["--check", str(stale)]) == 1
    assert capsys.readouterr().out.count("\n") == 1
    assert main([str(stale)]) == 0
    assert main(["--check", str(stale)]) == 0


def test_transcripts_and_exports_import_without_textual_or_websockets() -> None:
    code = (
        "import sys, panelhost.transcript, panelhost.transcript.catalog, "
        "panelhost.transcript.markdown, panelhost.transcript.table, "
        "panelhost.commands.export, panelhost.commands.sessions\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'websockets', 'rich')]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
