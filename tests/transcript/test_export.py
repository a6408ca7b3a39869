"""`panelhost export`: Markdown notes, CSV rows and JSON, from transcripts, journals and ids."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from panelhost import protocol as p
from panelhost.cli import main
from panelhost.core import events as ev
from panelhost.transcript import build_transcript, load_transcript, save_transcript
from panelhost.transcript.markdown import export_markdown
from panelhost.transcript.plaintext import plain
from tests.timezone import local_zone

from .test_markdown_text import PARSER
from .transcript_driver import DrivenSession, small_session

HOSTILE = (
    "[bold red]x[/] [link=https://evil.example]y[/link] <img src=x onerror=alert(1)> "
    "*em* _u_ `code` &amp; ![i](https://t.example/p.png) [a](javascript:alert(1)) | # \\"
)


def test_markdown_notes_of_a_small_session() -> None:
    text = export_markdown(build_transcript(small_session().events), UTC)
    assert text.startswith("# EM alumni panel\n\n2025-11-24 16:00 UTC · 2:44 · ")
    assert "- **Dr. Rivera**, EM resident, PGY-2: 1 answer, 1:31 speaking" in text
    # answered questions in order of answering, with who answered, how long, and notes
    first = text.index("### Q1. How did you choose emergency medicine?")
    second = text.index("### Q2. Is burnout as bad as people say?")
    assert first < text.index("Answered by Dr. Rivera (1:31).") < second
    assert first < text.index("- Shadowed in the ED as an undergrad") < second
    assert "asked anonymously · 2 votes" in text[second:]
    assert second < text.index("Answered by Dr. Chen (1:01).")
    assert second < text.index("- Protect your days off") < text.index("## Unanswered questions")
    unanswered = text[text.index("## Unanswered questions") :]
    assert "- Q3. What do PDs look for on a rotation? (asked by Ben · 1 vote)" in unanswered
    assert text.endswith("## General notes\n\n- Slides will be shared by email\n")


def test_unanswered_questions_are_ranked_by_votes(tmp_path: Path) -> None:
    from panelhost import protocol as p

    from .transcript_driver import DrivenSession

    session = DrivenSession()
    voters = [session.join(f"ident-{i}", "participant", f"S{i}") for i in range(3)]
    for text in ("Few votes?", "Most votes?", "No votes?"):
        session.ok(voters[0], p.Ask(text=text))
    for voter in voters:
        session.ok(voter, p.Vote(question_id=2))
    session.ok(voters[1], p.Vote(question_id=1))
    text = export_markdown(build_transcript(session.events), UTC)
    order = (("Q2", "Most"), ("Q1", "Few"), ("Q3", "No"))
    ranked = [text.index(f"{q}. {words} votes?") for q, words in order]
    assert ranked == sorted(ranked)
    assert "No questions were answered." in text


def test_markdown_escapes_everything_participants_wrote(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    save_transcript(build_transcript(small_session().events), path)
    document = json.loads(path.read_text())
    # a hand-edited file: terminal escapes and markup that the hub would never let through
    document["session"]["title"] = "\x1b]0;pwned\x07Panel \x1b[31m<b>red</b>\x1b[0m"
    document["panelists"][0]["name"] = "**Dr.** [Rivera](https://x)"
    document["questions"][0]["text"] = HOSTILE + "\nsecond line"
    document["questions"][2]["author"] = "<script>Ben</script>"
    document["notes"][2]["text"] = "1. not a list\n- nor this"
    path.write_text(json.dumps(document))

    assert main(["export", str(path), "--format", "md", "-o", str(tmp_path / "out.md")]) == 0
    text = (tmp_path / "out.md").read_text()
    assert "\x1b" not in text and "\x07" not in text and "pwned" not in text
    tokens = [t for block in PARSER.parse(text) for t in [block, *(block.children or [])]]
    made = {t.type for t in tokens}
    assert not made & {"html_inline", "html_block", "link_open", "image", "em_open", "s_open"}
    assert [t.content for t in tokens if t.type == "code_inline"] == ["panelhost replay", "g"]
    shown = [t.content for t in tokens if t.type == "text"]
    assert "Panel <b>red</b>" in shown  # the title, literally
    assert "**Dr.** [Rivera](https://x)" in shown  # a name, inside the notes' own bold
    assert f"Q1. {plain(HOSTILE)} second line" in shown
    assert any("asked by <script>Ben</script>" in line for line in shown)
    assert "1. not a list - nor this" in shown  # the line break became a space


def test_plain_strips_terminal_escape_sequences() -> None:
    assert plain("\x1b[1;31mred\x1b[0m") == "red"
    assert plain("\x1b]8;;https://e\x1b\\link\x1b]8;;\x1b\\") == "link"
    assert plain("a\x1bPq#0;2;0;0;0\x1b\\b") == "ab"
    assert plain("\x9b31mx\x9d0;t\x07y") == "xy"
    assert plain("tab\tand\nnewline") == "tab and newline"


def test_csv_has_one_row_per_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = small_session()
    path = tmp_path / "t.json"
    save_transcript(build_transcript(session.events), path)
    assert main(["export", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["question_id"], r["status"], r["votes"]) for r in rows] == [
        ("1", "answered", "0"),
        ("2", "answered", "2"),
        ("3", "open", "1"),
    ]
    assert rows[0]["text"] == "How did you choose emergency medicine?"
    assert (rows[0]["author"], rows[1]["author"]) == ("Ana", "")
    assert (rows[0]["answered_by"], rows[0]["speaking_seconds"]) == ("Dr. Rivera", "91")
    assert rows[1]["notes"] == "Protect your days off"
    assert rows[0]["asked_at"].endswith("Z") and rows[2]["answered_at"] == ""


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    save_transcript(build_transcript(small_session().events), path)
    document = json.loads(path.read_text())
    document["questions"][0]["text"] = '=HYPERLINK("https://evil","x")'
    document["questions"][1]["text"] = "\x1b[31m@SUM(A1)"
    path.write_text(json.dumps(document))
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0]["text"] == '\'=HYPERLINK("https://evil","x")'
    assert rows[1]["text"] == "'@SUM(A1)"


def test_json_export_of_a_live_session_by_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = small_session()
    session.events.pop()  # no `end`: the session is still live
    session.write_journal(tmp_path)
    assert (
        main(["export", "20251124-alumni", "--sessions-dir", str(tmp_path), "--format", "json"])
        == 0
    )
    out = tmp_path / "out.json"
    out.write_text(capsys.readouterr().out)
    transcript = load_transcript(out)
    assert transcript == build_transcript(session.events)
    assert transcript.session.ended_at is None
    for secret in session.secrets:
        assert secret not in out.read_text()


def test_a_session_id_prefers_the_newer_of_journal_and_transcript(tmp_path: Path) -> None:
    import os

    from panelhost.transcript.locate import open_session

    session = small_session()
    journal = session.write_journal(tmp_path)
    transcript_path = tmp_path / "20251124-alumni.json"
    stale = build_transcript(session.events[:-5])
    save_transcript(stale, transcript_path)
    os.utime(transcript_path, ns=(1_000_000_000, 1_000_000_000))
    assert open_session("20251124-alumni", tmp_path).from_journal
    os.utime(journal, ns=(500_000_000, 500_000_000))
    opened = open_session("20251124-alumni", tmp_path)
    assert not opened.from_journal and opened.transcript == stale


def test_export_refusals_are_one_line_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "no-such-session", "--sessions-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no session 'no-such-session'" in err

    (tmp_path / "bad.journal.jsonl").write_bytes(b'{"type":"nonsense"}\n{"type":"x"}\n')
    assert main(["export", str(tmp_path / "bad.journal.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1 is corrupt" in err

    good = tmp_path / "t.json"
    save_transcript(build_transcript(small_session().events), good)
    assert main(["export", str(good), "-o", str(tmp_path / "missing-dir" / "x.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write it" in err


@pytest.mark.parametrize("command", [["export"], ["replay"], ["sessions", "--recover"]])
def test_a_bad_journal_is_explained_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    directory = ["--sessions-dir", str(tmp_path)]
    (tmp_path / "torn.journal.jsonl").write_bytes(b"not json at all\n")
    assert main([*command, "torn", *directory]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no events" in err
    assert "torn last line 1" in err  # why it holds none: its only line was dropped

    (tmp_path / "bad.journal.jsonl").write_bytes(b"garbage\n{}\n")
    assert main([*command, "bad", *directory]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1 is corrupt" in err
    assert "resumed" not in err  # nothing was being resumed: the session was being read


def test_markdown_of_a_session_not_ended_says_so_without_guessing_why() -> None:
    events = [e for e in small_session().events if not isinstance(e, ev.SessionEnded)]
    text = export_markdown(build_transcript(events), UTC)
    # it may be live (exported from its journal) or its hub stopped: the notes say neither
    assert "(not ended)" in text.splitlines()[2]
    assert "cleanly" not in text


@pytest.fixture
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The local time zone is New York's (UTC-05:00 in November) for the test."""
    with local_zone(monkeypatch, "America/New_York"):
        yield


def test_markdown_times_are_local_with_their_offset(in_new_york: None) -> None:
    text = export_markdown(build_transcript(small_session().events))
    assert text.splitlines()[2].startswith("2025-11-24 11:00 UTC-05:00 · ")


def reopened_session() -> DrivenSession:
    """Q1 answered by Dr. Rivera, then reopened and left open; Q2 never approved; Q3
    withdrawn by its author; Q4 dismissed by the host; Q5 answered by Dr. Chen."""
    s = DrivenSession()
    ana = s.join("ident-ana", "participant", "Ana")
    s.ok(s.host, p.SettingsRequest(moderation=True))
    s.ok(s.host, p.PanelistAdd(name="Dr. Rivera"))
    s.ok(s.host, p.PanelistAdd(name="Dr. Chen"))
    for text in ("Reopened?", "Never approved?", "Withdrawn?", "Dismissed?", "Answered?"):
        s.ok(ana, p.Ask(text=text))
    for question_id in (1, 3, 5):
        s.ok(s.host, p.Approve(question_id=question_id))
    # set_now starts the panelist's timer; the stage's end stops it (protocol revision 2)
    s.ok(s.host, p.SetNow(question_id=1, panelist_id=1), 60_000)
    s.ok(s.host, p.MarkAnswered(question_id=1), 31_000)
    s.ok(s.host, p.Reopen(question_id=1), 2_000)
    s.ok(ana, p.Withdraw(question_id=3))
    s.ok(s.host, p.Dismiss(question_id=4))
    s.ok(s.host, p.SetNow(question_id=5, panelist_id=2), 3_600_000)
    s.ok(s.host, p.SetNow(), 46_000)
    s.ok(s.host, p.End(), 2_000)
    return s


def test_notes_give_each_answer_its_time_offset_and_number(in_new_york: None) -> None:
    text = export_markdown(build_transcript(reopened_session().events))
    # Q5 went on stage 1:01:46 after the start (11:00 in New York): local clock, zone, offset
    block = text[text.index("### Q5. Answered?") :]
    assert block.startswith("### Q5. Answered?\n\n12:01 UTC-05:00, 1:01:46 in · asked by Ana")
    assert "press `g` and type 7" in text  # what the Q numbers are for


def test_notes_count_what_never_reached_the_panel() -> None:
    text = export_markdown(build_transcript(reopened_session().events), UTC)
    counts = text.splitlines()[2].split(" · ")[-1]
    assert counts == (
        "5 questions: 1 answered, 1 left open, 1 never approved, 1 withdrawn by its author, "
        "1 dismissed by the host"
    )


def test_a_reopened_question_keeps_the_credit_of_who_answered_it() -> None:
    text = export_markdown(build_transcript(reopened_session().events), UTC)
    unanswered = text[text.index("## Unanswered questions") :]
    assert "- Q1. Reopened? (asked by Ana · 0 votes · answered by Dr. Rivera (0:31), then " \
        "reopened)" in unanswered  # fmt: skip
    # the panel's answer counts are the answers the notes list
    assert "- **Dr. Rivera**: 1 answer, 0:31 speaking" in text
    assert "- **Dr. Chen**: 1 answer, 0:46 speaking" in text


def test_csv_tells_withdrawn_from_dismissed_and_gives_stage_times(in_new_york: None) -> None:
    from panelhost.transcript.table import export_csv

    table = export_csv(build_transcript(reopened_session().events))
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["status"] for r in rows] == ["open", "pending", "withdrawn", "dismissed", "answered"]
    assert (rows[4]["on_stage_at"], rows[4]["since_start"]) == (
        "2025-11-24T12:01:46-05:00", "1:01:46")  # fmt: skip
    assert (rows[0]["answered_by"], rows[0]["speaking_seconds"]) == ("Dr. Rivera", "31")
    assert rows[1]["on_stage_at"] == rows[1]["since_start"] == ""
