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


CONTRACT_QUOTES = (
    'A viewer may omit it (it is then shown as "viewer"); a viewer\'s `token` is ignored'
    " (viewers have no identity).",
    "a host hello without `key` is `bad_key`",
    '`"ref": null` is the same as no `ref`.',
    "not on stage and not the panelist of a running or paused timer (else `invalid_state`)",
    "an idle timer that named them names nobody",
    "Changes are coalesced: many changes in quick succession may reach clients as one message"
    " per thing changed (one `votes`, one `question` per question, one `now`, one `timer`),"
    " carrying the latest state.",
    "A change may reach clients before it is durable (so fan-out never waits on the disk),"
    " and always reaches the requester before its `ok`",
    "a hello answers `bad_request`, never `too_long`",
    "other methods get 405, or a closed connection where the server library cannot answer them",
    "`answered_at` is when it was last answered (clients need it for the queue order)",
    "speaking time so far (add the local elapsed time while their timer runs) and the number"
    " of questions they answered",
    '"ended_at": RFC 3339 | null',
    "If an fsync fails, no request of that flush is acknowledged (each gets `unavailable`) and"
    " the hub accepts no further change until it has been restarted from its journal",
    "One journal has one writer: a second hub asked to serve a session that another hub is"
    " serving refuses to start.",
)
"""PROTOCOL.md revision 2's words for each divergence clients found, copied from it."""


def test_the_contract_is_quoted_word_for_word_where_the_docs_cover_it():
    docs = " ".join(DOC.read_text().split())
    missing = [quote for quote in CONTRACT_QUOTES if quote not in docs]
    assert missing == []
