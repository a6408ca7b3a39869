"""docs/protocol.md carries the JSON Schema generated from protocol.py, unchanged."""

from __future__ import annotations

from pathlib import Path

from panelhost.protocol_docs import with_schema

DOC = Path(__file__).parent.parent / "docs" / "protocol.md"


def test_the_schema_in_the_docs_is_the_generated_one():
    document = DOC.read_text()
    assert document == with_schema(document), (
        "docs/protocol.md is stale: run `python -m panelhost.protocol_docs docs/protocol.md`"
    )
