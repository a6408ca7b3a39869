"""The event schema: journals and transcripts say theirs, older ones are upcast, newer refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelhost.core import events as ev
from panelhost.core.events import EVENT_SCHEMA
from panelhost.core.upcast import schema_of, upcast
from panelhost.journal import JournalError, encode_event, read_journal
from panelhost.transcript import (
    TranscriptError,
    build_transcript,
    encode_transcript,
    load_transcript,
)

from .sessionkit import ANA, Session

FIXTURES = Path(__file__).with_name("fixtures")


def _small() -> Session:
    s = Session()
    s.add_panelist("Dr. Rivera")
    s.ask(ANA, "How did you choose EM?")
    return s


def test_a_new_journal_says_its_schema_and_reads_back_as_written(tmp_path: Path) -> None:
    s = _small()
    path = tmp_path / "s.journal"
    path.write_bytes(b"".join(encode_event(e) for e in s.events))
    assert schema_of(path.read_bytes().split(b"\n")[0]) == EVENT_SCHEMA
    assert read_journal(path).events == s.events


@pytest.mark.parametrize("name", ["revision1.journal", "revision2.journal"])
def test_a_journal_without_a_schema_is_read_as_schema_1_and_upcast(name: str) -> None:
    lines = (FIXTURES / name).read_bytes().split(b"\n")
    assert schema_of(lines[0]) == 1
    events = read_journal(FIXTURES / name).events
    first = events[0]
    assert isinstance(first, ev.SessionCreated) and first.schema == EVENT_SCHEMA
    resets = [e for e in events if isinstance(e, ev.TimerReset)]
    assert resets  # revision 1 never wrote `to_nobody`: it was false
    if name == "revision1.journal":
        assert b"to_nobody" not in b"".join(lines) and not any(r.to_nobody for r in resets)


def test_upcasting_schema_1_stamps_the_session_and_names_to_nobody() -> None:
    assert upcast({"type": "session_created", "seq": 1}, 1)["schema"] == EVENT_SCHEMA
    assert upcast({"type": "timer_reset", "seq": 5, "at": 0}, 1)["to_nobody"] is False
    kept = {"type": "timer_reset", "seq": 5, "at": 0, "to_nobody": True}
    assert upcast(kept, 1) == kept
    assert upcast({"type": "vote_added", "seq": 2}, 1) == {"type": "vote_added", "seq": 2}
    assert upcast({"type": "timer_reset"}, EVENT_SCHEMA) == {"type": "timer_reset"}


def _newer(data: bytes) -> bytes:
    stamp = f'"schema":{EVENT_SCHEMA}'.encode()
    assert stamp in data
    return data.replace(stamp, f'"schema":{EVENT_SCHEMA + 1}'.encode(), 1)


def test_a_journal_of_a_newer_schema_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.journal"
    path.write_bytes(_newer(b"".join(encode_event(e) for e in _small().events)))
    with pytest.raises(JournalError) as refused:
        read_journal(path)
    message = str(refused.value)
    assert "\n" not in message and str(path) in message
    assert f"event schema {EVENT_SCHEMA + 1}" in message and "upgrade panelhost" in message


def test_a_transcript_of_a_newer_schema_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(_newer(encode_transcript(build_transcript(_small().events))))
    with pytest.raises(TranscriptError) as refused:
        load_transcript(path)
    assert "\n" not in str(refused.value) and "upgrade panelhost" in str(refused.value)


@pytest.mark.parametrize("name", ["revision1.transcript.json", "revision2.transcript.json"])
def test_an_older_transcript_loads_upcast_and_saves_as_today(name: str, tmp_path: Path) -> None:
    old = load_transcript(FIXTURES / name)
    first = old.events[0]
    assert isinstance(first, ev.SessionCreated) and first.schema == EVENT_SCHEMA
    again = tmp_path / "again.json"
    again.write_bytes(encode_transcript(old))
    assert load_transcript(again) == old
