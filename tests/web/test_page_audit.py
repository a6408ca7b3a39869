"""The page as a person with a screen reader, a phone or a laptop meets it: an axe-core audit
in the real browser (light and dark, phone and laptop, 200 % zoom) and the screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import Room, require
from tests.web.page import ask, join, row

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
DOCS = Path(__file__).resolve().parents[2] / "docs"
SIZES = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 800}}


def busy_room(page: Page, room: Room) -> None:
    """A session in the middle: a question on stage with its timer, others waiting."""
    host = room.host()
    host.request("ask", text="What do program directors look for on an away rotation?")
    host.request("ask", text="Is burnout in emergency medicine as bad as people say?")
    join(page, room.link, "Ana")
    ask(page, "How did you choose emergency medicine over internal medicine?")
    expect(row(page, 3)).to_be_visible()
    row(page, 1).locator('button[data-action="vote"]').click()
    expect(row(page, 1).locator('button[data-action="vote"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    host.request("set_now", question_id=2, panelist_id=1)
    host.request("timer", action="start", seconds=120)
    expect(page.locator("#stage-timer")).to_contain_text("left")


def audit(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (evaluated, so the page's CSP holds)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' '))})); }"
    )
    return list(result)


@pytest.fixture
def axe() -> None:
    require("axe-core", AXE.exists(), "npm ci --prefix tests/web")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_axe_finds_no_violation(
    browser: Any, room: Room, axe: None, size: str, scheme: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
    page = context.new_page()
    busy_room(page, room)
    assert audit(page) == []
    page.goto("about:blank")
    page.goto(room.link.split("#")[0] + "#")  # the join form, with no code given
    expect(page.locator("#join-view")).to_be_visible()
    assert audit(page) == []
    context.close()


def test_usable_at_200_percent_zoom(browser: Any, room: Room) -> None:
    # 200 % zoom of a 1280 px window is a 640 px layout viewport at scale 2
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    busy_room(page, room)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0  # nothing needs scrolling sideways
    context.close()


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_screenshot(browser: Any, room: Room, size: str, tmp_path: Path) -> None:
    """Made on every run; PANELHOST_UPDATE_SCREENSHOTS=1 keeps them under docs/."""
    context = browser.new_context(viewport=SIZES[size], reduced_motion="reduce")
    page = context.new_page()
    busy_room(page, room)
    page.locator("#ask-text").blur()
    page.evaluate("window.scrollTo(0, 0)")
    shot = tmp_path / f"web-{size}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("PANELHOST_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, DOCS / shot.name)
    context.close()


def test_the_audit_sees_a_violation_when_there_is_one(browser: Any, room: Room, axe: None) -> None:
    page = browser.new_page()
    join(page, room.link, "Ana")
    page.evaluate("document.querySelector('#ask-text').labels[0].remove()")
    assert "label" in [violation["id"] for violation in audit(page)]
    page.close()
