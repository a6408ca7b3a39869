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
    assert len(lines) == 4
    heading, crashed, ended, hint = lines
    assert heading.split()[:3] == ["STARTED", "SESSION", "ID"]
    ids = [heading.index(word) for word in ("SESSION ID", "QUESTIONS", "STATE", "FILE")]
    assert crashed.startswith(moment(START_MS + 86_400_000)[:16]) and "Surgery panel" in crashed
    assert crashed[ids[0] :].startswith("20251125-crashed ")  # the id under its label
    assert crashed[ids[2] :].startswith("NOT ENDED, journal only")
    assert crashed[ids[3] :] == str(sessions_dir / "20251125-crashed.journal.jsonl")
    assert ended.startswith(moment(START_MS)[:16]) and "EM alumni panel" in ended
    assert ended[ids[0] :].startswith("20251124-alumni ")
    assert ended[: ids[1] + len("QUESTIONS")].endswith(" 3") and " 2:44 " in ended
    assert ended[ids[2] :].startswith("ended ")
    assert ended[ids[3] :] == str(sessions_dir / "20251124-alumni.json")
    # both ways on from a session that never ended, as they really are spelled
    assert f"panelhost host --resume ID --sessions-dir {sessions_dir} continues it" in hint
    assert f"panelhost sessions --recover ID --sessions-dir {sessions_dir} writes" in hint


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
    assert "NOT ENDED  " in lines[1] and lines[1].endswith("20251125-crashed.json")
    assert "journal only" not in "".join(lines)  # nothing left that only a journal holds


def test_unreadable_files_are_listed_not_fatal(
    sessions_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sessions_dir / "copy-of-notes.json").write_text("not json at all")
    (sessions_dir / "20251124-alumni.live.json").write_text("{}")  # a hub's, not a transcript
    lines = listing(sessions_dir, capsys)
    assert len(lines) == 5
    assert lines[3].startswith("?") and "copy-of-notes.json: not a panelhost transcript" in lines[3]
    assert "unreadable" in lines[3]


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


def test_a_journal_corrupt_in_the_middle_is_recovered_as_a_partial_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from panelhost.transcript.markdown import export_markdown
    from tests.processes import BlockingPeer, start_serve

    # a real hub journals a real session, then dies; later a disk error damages a line
    serve = start_serve(tmp_path, "--title", "Surgery panel", "--panelist", "Dr. Okafor")
    try:
        host = BlockingPeer(serve.url, {"role": "host", "key": serve.key, "name": "Maya"})
        zoe = BlockingPeer(serve.url, {"role": "participant", "code": serve.code, "name": "Zoe"})
        for text in ("How long are the shifts?", "Is research expected?", "Lost to the disk?"):
            zoe.request("ask", text=text)
        host.request("set_now", question_id=1, panelist_id=1)
        zoe.request("vote", question_id=2)
    finally:
        serve.kill()
    journal = tmp_path / f"{serve.session_id}.journal.jsonl"
    lines = journal.read_bytes().split(b"\n")
    damaged = next(i for i, line in enumerate(lines) if b"Lost to the disk" in line)
    lines[damaged] = lines[damaged][:20] + b"\x00\x00\xff\xfe" + lines[damaged][24:]
    journal.write_bytes(b"\n".join(lines))

    listed = listing(tmp_path, capsys)
    row = next(line for line in listed if serve.session_id in line)
    assert row.startswith("?") and "CORRUPT" in row and f"line {damaged + 1} is corrupt" in row
    assert listed[-1].startswith("CORRUPT: ")
    assert f"panelhost sessions --recover ID --sessions-dir {tmp_path} rebuilds" in listed[-1]

    recover = ["sessions", "--sessions-dir", str(tmp_path), "--recover", serve.session_id]
    assert main(recover) == 0
    out, err = capsys.readouterr()
    assert "(PARTIAL, never ended cleanly)" in out
    assert err.startswith("panelhost sessions: warning: PARTIAL transcript: ")
    assert f"line {damaged + 1} is corrupt" in err

    transcript = load_transcript(tmp_path / f"{serve.session_id}.json")
    partial = transcript.session.partial
    assert partial is not None and f"line {damaged + 1} is corrupt" in partial
    assert [q.text for q in transcript.questions] == ["How long are the shifts?",
                                                      "Is research expected?"]  # fmt: skip
    assert transcript.events[-1].seq == damaged  # every event before the damaged line
    notes = export_markdown(transcript)
    assert notes.splitlines()[4].startswith(f"**Partial notes:** journal line {damaged + 1} ")
    row = next(line for line in listing(tmp_path, capsys) if serve.session_id in line)
    assert "PARTIAL, NOT ENDED" in row
