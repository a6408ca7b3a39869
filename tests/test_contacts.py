"""Follow-up contacts on disk: exported per panelist (0600, apart from the transcript), and
forgotten for good: after `--forget-contacts`, no file of the session holds the address."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from panelhost.sessionfiles import SessionFiles
from panelhost.transcript.markdown_text import markdown
from tests.hub.wire import join

EMAIL = "night.owl@example.org"
MESSAGE = "I am on nights until May"


def panelhost(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelhost", *args], capture_output=True, text=True, timeout=60
    )


def files_holding(directory: Path, secret: str) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


async def test_export_per_panelist_then_forget_for_good(make_hub, tmp_path: Path) -> None:
    hub = await make_hub()
    host = await join(hub, role="host", name="Maya", revision=3)
    ana = await join(hub, revision=3)
    ben = await join(hub, name="Ben", revision=3)
    await host.request("offer", panelist_id=1, text="Shadowing in the ED", places=2)
    assert (await ana.request("follow_up", offer_id=1, message=MESSAGE, email=EMAIL))[
        "type"
    ] == "ok"
    assert (await ben.request("follow_up", panelist_id=2, email="ben@example.org"))["type"] == "ok"
    assert (await host.request("end"))["type"] == "ok"
    directory = hub.config.sessions_dir
    files = SessionFiles(directory, hub.session_id)
    session = ["--sessions-dir", str(directory)]

    refused = panelhost("sessions", "--forget-contacts", hub.session_id, *session)
    assert refused.returncode != 0 and "is live" in refused.stderr
    assert refused.stderr.count("\n") == 1  # one line, no traceback
    await hub.stop()

    exported = panelhost("export", hub.session_id, "--follow-ups", *session)
    assert exported.returncode == 0, exported.stderr
    private = directory / f"{hub.session_id}.follow-ups"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    written = sorted(p.name for p in private.iterdir())
    assert written == ["1-dr-rivera.csv", "1-dr-rivera.md", "2-dr-chen.csv", "2-dr-chen.md"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in private.iterdir())
    rivera = (private / "1-dr-rivera.md").read_text()
    assert EMAIL in rivera and MESSAGE in rivera and "offer 1: Shadowing in the ED" in rivera
    assert ": 1 student asked to follow up." in rivera  # words, not "1 student(s)"
    assert "ben@example.org" not in rivera  # each list is its panelist's only
    assert EMAIL in (private / "1-dr-rivera.csv").read_text()
    # the public transcript and notes never held it
    assert EMAIL not in files.transcript.read_text()
    notes = panelhost("export", hub.session_id, *session)
    assert notes.returncode == 0 and "Shadowing in the ED" in notes.stdout
    assert EMAIL not in notes.stdout and MESSAGE not in notes.stdout

    forgot = panelhost("sessions", "--forget-contacts", hub.session_id, *session)
    assert forgot.returncode == 0, forgot.stderr
    assert "forgot the contact details of 2 follow-ups" in forgot.stdout
    for secret in (EMAIL, MESSAGE, "ben@example.org"):
        assert files_holding(directory, secret) == []
    assert not private.exists()
    again = panelhost("export", hub.session_id, "--follow-ups", *session)
    assert again.returncode == 0  # the journal still reads: names and offers stay
    assert EMAIL not in (directory / f"{hub.session_id}.follow-ups" / "1-dr-rivera.md").read_text()


def test_an_unknown_session_is_one_line(tmp_path: Path) -> None:
    result = panelhost("sessions", "--forget-contacts", "nope", "--sessions-dir", str(tmp_path))
    assert result.returncode != 0 and result.stderr.count("\n") == 1
    assert "no journal for session 'nope'" in result.stderr


async def test_the_follow_up_list_shows_the_sessions_title_as_typed(make_hub) -> None:
    """A title is the host's text, not Markdown: `**EM**` reads as typed in the list, as the
    panelist's name already did (the title was written raw)."""
    title = "**EM** night shift [Q&A](x)"
    hub = await make_hub(title=title)
    host = await join(hub, role="host", name="Maya", revision=3)
    ana = await join(hub, revision=3)
    assert (await ana.request("follow_up", panelist_id=1, email=EMAIL))["type"] == "ok"
    assert (await host.request("end"))["type"] == "ok"
    await hub.stop()
    session = ["--sessions-dir", str(hub.config.sessions_dir)]
    exported = panelhost("export", hub.session_id, "--follow-ups", *session)
    assert exported.returncode == 0, exported.stderr
    private = hub.config.sessions_dir / f"{hub.session_id}.follow-ups"
    rivera = (private / "1-dr-rivera.md").read_text()
    assert markdown(title) + ": 1 student asked to follow up." in rivera
    assert title not in rivera
