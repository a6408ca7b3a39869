"""`panelhost sessions`: the listing (newest first, unfinished ones marked) and `--recover`."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelhost import protocol as p
from panelhost.cli import main
from panelhost.transcript import build_transcript, load_transcript, save_transcript
from panelhost.transcript.plaintext import moment

from .transcript_driver import START_MS, DrivenSession, small_session


def crashed_session() -> DrivenSession:
    """A session a day after the small one, stopped without `end` and with a torn last line."""
    session = DrivenSession("20251125-crashed", "Surgery panel", START_MS + 86_400_000)
    zoe = session.join("ident-zoe", "participant", "Zoe")
    session.ok(session.host, p.PanelistAdd(name="Dr. Okafor"))
    session.ok(zoe, p.Ask(text="How long are the shifts?"))
    session.ok(zoe, p.Ask(text="Is research expected?"))
    session.ok(session.host, p.SetNow(question_id=1, panelist_id=1))  # and its timer
    return session


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "sessions"
    directory.mkdir()
    ended = small_session()
    ended.write_journal(directory)
    save_transcript(build_transcript(ended.events), directory / "20251124-alumni.json")
    crashed = crashed_session()
    journal = crashed.write_journal(directory)
    with journal.open("ab") as handle:
        handle.write(b'{"type":"vote_added","question_id":2,"vo')  # torn by the crash
    return directory


def listing(directory: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["sessions", "--sessions-dir", str(directory)]) == 0
    return capsys.readouterr().out.splitlines()


def test_sessions_are_listed_newest_first_with_unfinished_ones_marked(
    sessions_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = listing(sessions_dir, capsys)
    assert len(lines) == 3
    crashed, ended, hint = lines
    assert crashed.startswith(moment(START_MS + 86_400_000)[:16]) and "Surgery panel" in crashed
    assert "2 questions" in crashed and "NOT ENDED, journal only" in crashed
    assert crashed.endswith("20251125-crashed.journal.jsonl")
    assert ended.startswith(moment(START_MS)[:16]) and "EM alumni panel" in ended
    assert "3 questions" in ended and "2:44" in ended and "·  ended  ·" in ended
    assert ended.endswith("20251124-alumni.json")
    assert "--recover ID" in hint


def test_recover_rebuilds_the_transcript_from_the_journal(
    sessions_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["sessions", "--sessions-dir", str(sessions_dir), "--recover", "20251125-crashed"])
        == 0
    )
    captured = capsys.readouterr()
    assert "dropped a torn last line" in captured.err
    assert "never ended cleanly" in captured.out
    transcript = load_transcript(sessions_dir / "20251125-crashed.json")
    assert transcript == build_transcript(crashed_session().events)
    assert transcript.session.ended_at is None
    assert transcript.questions[0].status == "answering"

    lines = listing(sessions_dir, capsys)
    assert "NOT ENDED  ·" in lines[0] and lines[0].endswith("20251125-crashed.json")
    assert len(lines) == 2  # nothing left that only a journal holds


def test_unreadable_files_are_listed_not_fatal(
    sessions_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sessions_dir / "copy-of-notes.json").write_text("not json at all")
    (sessions_dir / "20251124-alumni.live.json").write_text("{}")  # a hub's, not a transcript
    lines = listing(sessions_dir, capsys)
    assert len(lines) == 4
    assert lines[2].startswith("?") and "copy-of-notes.json: not a panelhost transcript" in lines[2]


def test_an_empty_or_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert listing(tmp_path / "nowhere", capsys) == [f"no sessions in {tmp_path / 'nowhere'}"]


def test_recover_refusals_are_one_line_with_exit_code_2(
    sessions_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for session_id in ("no-such-session", "../sessions/20251125-crashed"):
        assert main(["sessions", "--sessions-dir", str(sessions_dir), "--recover", session_id]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "no journal for session" in err
    (sessions_dir / "broken.journal.jsonl").write_bytes(b"garbage\nmore garbage\n")
    assert main(["sessions", "--sessions-dir", str(sessions_dir), "--recover", "broken"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1 is corrupt" in err
