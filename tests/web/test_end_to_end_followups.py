"""Done when (issue 15): a session opened ahead of time collects questions from a browser and
a terminal, goes live, ends, and the host exports a follow-up list per panelist while the
public notes show none of it. Real processes: `panelhost serve`, chromium, `join --plain`,
`panelhost export`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import Room
from tests.web.page import ask, join, row
from tests.web.test_page_browser import new_page

ANA_EMAIL = "ana.nights@example.org"
BEN_EMAIL = "ben.rotations@example.org"


def panelhost(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelhost", *args], capture_output=True, text=True, timeout=60
    )


def test_open_early_go_live_end_and_export_follow_ups_per_panelist(
    browser: Any, early_room: Room, tmp_path: Path
) -> None:
    page, problems = new_page(browser)
    join(page, early_room.link, "Ana")
    expect(page.locator("#session-status")).to_contain_text("Open for questions")
    ask(page, "How do you study after night shifts?")
    ben = early_room.plain_client("Ben", tmp_path / "ben")
    ben.type("ask Which away rotations matter most?")
    ben.wait_for("Sent: your question 2")
    ben.type("vote 1")
    expect(row(page, 1)).to_contain_text("1 vote")

    host = early_room.host()
    host.request("go_live")
    expect(page.locator("#session-status")).to_be_hidden()
    host.request("set_now", question_id=1, panelist_id=1)
    host.request("offer", panelist_id=1, text="Read three personal statements", places=3)
    host.request("offer", panelist_id=2, text="Shadowing shifts in the ED this spring")
    host.request("mark_answered", question_id=1)

    expect(page.locator('#offers-list li[data-offer="1"]')).to_contain_text("3 places left")
    page.locator("#follow-email").fill(ANA_EMAIL)
    page.locator("#follow-message").fill("I work nights; evenings suit me")
    page.locator("#follow-send").click()
    expect(page.locator("#follow-feedback")).to_contain_text("Only the hosts see it")
    ben.type(f"follow 2 {BEN_EMAIL} interested in the ED")
    ben.wait_for("Sent: follow-up 2")
    host.request("end")
    ben.wait_for("The session has ended.")
    early_room.serve.terminate()

    where = ["--sessions-dir", str(early_room.sessions_dir)]
    session_id = early_room.serve.session_id
    exported = panelhost("export", session_id, "--follow-ups", *where)
    assert exported.returncode == 0, exported.stderr
    private = early_room.sessions_dir / f"{session_id}.follow-ups"
    rivera = (private / "1-dr-rivera.md").read_text()
    chen = (private / "2-dr-chen.csv").read_text()
    assert ANA_EMAIL in rivera and "I work nights" in rivera and BEN_EMAIL not in rivera
    assert BEN_EMAIL in chen and ANA_EMAIL not in chen

    notes = panelhost("export", session_id, *where)
    table = panelhost("export", session_id, "--format", "csv", *where)
    assert notes.returncode == table.returncode == 0
    assert "Q1. How do you study after night shifts?" in notes.stdout
    assert (
        "asked before the panel" in notes.stdout
        and "Read three personal statements" in notes.stdout
    )
    transcript = (early_room.sessions_dir / f"{session_id}.json").read_text()
    for public in (notes.stdout, table.stdout, transcript):
        for secret in (ANA_EMAIL, BEN_EMAIL, "I work nights", "interested in the ED"):
            assert secret not in public
    assert problems == []
