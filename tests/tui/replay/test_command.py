"""`panelhost replay` refuses bad input with one line and exit code 2, before any screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panelhost.cli import main

EXAMPLE = Path(__file__).resolve().parents[3] / "sessions" / "2026-11-25-em-alumni-panel.json"


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["replay", *argv]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("panelhost replay: ")
    assert captured.out == ""
    return lines[0]


def edited(tmp_path: Path, change) -> Path:
    data = json.loads(EXAMPLE.read_text())
    change(data)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    return path


def test_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in refusal([str(tmp_path / "nope.json")], capsys)


def test_an_unknown_session_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["2026-01-01-nothing", "--sessions-dir", str(tmp_path)], capsys)
    assert "no session" in line


def test_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dir.json").mkdir()
    assert "directory" in refusal([str(tmp_path / "dir.json")], capsys)


def test_a_truncated_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.json"
    data = EXAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in refusal([str(path)], capsys)


def test_garbage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(b"\x00\xff garbage \x1b[31m" * 1000)
    assert "not a panelhost transcript" in refusal([str(path)], capsys)


def test_a_wrong_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited(tmp_path, lambda d: d.update(version="2.0"))
    assert "version 2.0 is not supported" in refusal([str(path)], capsys)


def test_a_wrong_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited(tmp_path, lambda d: d["questions"][0].update(votes="many"))
    assert "invalid transcript" in refusal([str(path)], capsys)


def test_events_that_do_not_fold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def vote_on_nothing(data: dict) -> None:
        last = data["events"][-1]
        data["events"].append(
            {
                "type": "vote_added",
                "seq": last["seq"] + 1,
                "at": last["at"],
                "question_id": 999,
                "voter_id": "v1",
            }
        )

    line = refusal([str(edited(tmp_path, vote_on_nothing))], capsys)
    assert "does not fit the events before it" in line
