"""Strict loading: every unusable file is refused with one line naming it (exit code 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from panelhost.cli import main
from panelhost.transcript import TranscriptError, build_transcript, load_transcript, save_transcript
from panelhost.transcript.files import encode_transcript

from .transcript_driver import small_session


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    save_transcript(build_transcript(small_session().events), path)
    return path


def edited(tmp_path: Path, good: Path, change) -> Path:
    """A copy of the good transcript with `change(document)` applied to its JSON."""
    document = json.loads(good.read_text())
    change(document)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document))
    return path


def refused(path: Path | str, capsys: pytest.CaptureFixture[str]) -> str:
    """Export `path` and return the one line the CLI printed on refusing it."""
    assert main(["export", str(path), "--format", "md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    with pytest.raises(TranscriptError) as raised:
        load_transcript(path)
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)
    return lines[0]


def test_a_good_transcript_loads_and_saves_with_mode_0600(good: Path) -> None:
    transcript = load_transcript(good)
    assert transcript == build_transcript(small_session().events)
    assert os.stat(good).st_mode & 0o777 == 0o600
    assert encode_transcript(transcript) == good.read_bytes()


def test_a_path_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refused(tmp_path / "missing.json", capsys)
    assert line.endswith("missing.json: no such file")


def test_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "is a directory" in refused(tmp_path, capsys)


def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert "empty" in refused(path, capsys)


def test_an_unknown_major_version_is_refused(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, good, lambda d: d.update(version="2.0"))
    assert "version 2.0 is not supported" in refused(path, capsys)


def test_a_newer_minor_version_with_unknown_fields_loads(tmp_path: Path, good: Path) -> None:
    def newer(document: dict) -> None:
        document["version"] = "1.7"
        document["reactions"] = [{"emoji": "clap"}]
        document["session"]["language"] = "en"
        document["questions"][0]["tags"] = ["career"]
        document["events"][1]["source"] = "tui"

    transcript = load_transcript(edited(tmp_path, good, newer))
    assert transcript.version == "1.7"
    assert transcript.questions == build_transcript(small_session().events).questions


def test_another_format_is_refused(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, good, lambda d: d.update(format="something-else"))
    assert "not a panelhost transcript" in refused(path, capsys)


def test_other_json_is_refused_without_python_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "schema.json"
    path.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema"}')
    message = refused(path, capsys)
    assert "not a panelhost transcript (it has no format field)" in message
    assert "None" not in message


def test_a_truncated_file(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "truncated.json"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "truncated" in refused(path, capsys)


def test_an_invalid_field(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited(tmp_path, good, lambda d: d["questions"][1].update(votes="many"))
    line = refused(path, capsys)
    assert "invalid transcript" in line and "$.questions[1].votes" in line


def test_an_unknown_event_type(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, good, lambda d: d["events"][2].update(type="explosion"))
    assert "explosion" in refused(path, capsys)


def test_a_timeline_that_does_not_start_with_the_session(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, good, lambda d: d["events"].pop(0))
    assert "must start with session_created" in refused(path, capsys)


def test_seq_numbers_that_go_backwards(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, good, lambda d: d["events"][3].update(seq=2))
    assert "seq numbers must increase" in refused(path, capsys)


def test_fifty_megabytes_of_garbage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "garbage.json"
    block = bytes(range(256)) * 4096
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(block)
    assert "not a panelhost transcript" in refused(path, capsys)


def test_fifty_megabytes_of_garbage_inside_an_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "object.json"
    path.write_bytes(
        b'{"format": "panelhost-transcript", "version": "1.0", "x": ' + b"]" * 50_000_000
    )
    assert "not valid JSON" in refused(path, capsys)


def test_events_that_do_not_fit_together_are_refused_on_replay(tmp_path: Path, good: Path) -> None:
    from panelhost.transcript import replay_state

    def vote_on_a_ghost(document: dict) -> None:
        vote = next(e for e in document["events"] if e["type"] == "vote_added")
        vote["question_id"] = 99

    transcript = load_transcript(edited(tmp_path, good, vote_on_a_ghost))
    with pytest.raises(TranscriptError, match=r"vote_added, seq \d+\) does not fit"):
        replay_state(transcript, name="edited.json")
