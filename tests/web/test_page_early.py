"""The page in real headless chromium in a session open for questions (`--opens-early`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import Room
from tests.web.page import ask, join, row
from tests.web.test_page_browser import new_page


def test_the_page_asks_before_the_panel_and_sees_it_go_live(
    browser: Any, early_room: Room, tmp_path: Path
) -> None:
    page, problems = new_page(browser)
    join(page, early_room.link, "Ana")
    status = page.locator("#session-status")
    expect(status).to_have_text(
        "Open for questions: the panel has not started yet. Ask and vote now."
    )
    expect(page.locator("#stage-question")).to_have_text("The panel has not started yet.")
    ask(page, "How do you study after nights?")
    expect(row(page, 1)).to_contain_text("asked before the panel")
    host = early_room.host()
    host.request("go_live")
    expect(status).to_be_hidden()
    host.request("set_now", question_id=1, panelist_id=1)
    expect(page.locator("#stage-question")).to_have_text("Q1  How do you study after nights?")
    expect(row(page, 1)).to_contain_text("asked before the panel")
    assert problems == []
