"""The participant page in real headless chromium against a real `panelhost serve`, beside a
terminal participant (`panelhost join --plain`) and a host."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.web.conftest import Room
from tests.web.page import WAIT_MS, ask, connected, join, questions_of, row, vote_button

PHONE = {"width": 360, "height": 740}


def new_page(browser: Any, **options: Any) -> tuple[Page, list[str]]:
    """A page in a fresh context (its own profile and storage); it collects console errors."""
    context = browser.new_context(viewport=options.pop("viewport", PHONE), **options)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems


def test_page_terminal_and_host_take_part_in_one_session(
    browser: Any, room: Room, tmp_path: Path
) -> None:
    page, problems = new_page(browser)
    join(page, room.link, "Ana")
    expect(page.locator("#title")).to_have_text("EM alumni panel")
    expect(page.locator("#ask-text")).to_be_focused()

    ask(page, "How did you choose emergency medicine?")
    expect(row(page, 1, "#mine-list")).to_contain_text("open")
    expect(row(page, 1)).to_contain_text("How did you choose emergency medicine?")

    ben = room.plain_client("Ben", tmp_path / "ben")
    ben.type("ask What do PDs look for on a rotation?")
    ben.wait_for("Sent: your question 2")
    expect(row(page, 2)).to_contain_text("What do PDs look for on a rotation?")
    expect(row(page, 2)).to_contain_text("Ben")

    # the terminal's vote reaches the page, the page's vote reaches the terminal
    ben.type("vote 1")
    expect(row(page, 1)).to_contain_text("1 vote")
    vote_button(page, 2).click()
    expect(vote_button(page, 2)).to_have_attribute("aria-pressed", "true")
    expect(row(page, 2)).to_contain_text("1 vote")
    # two questions with one vote each: the older first
    expect(page.locator("#queue-list > li")).to_have_count(2)
    ben.type("list")
    ben.wait_for("Question 2, 1 vote, yours")

    host = room.host()
    host.request("set_now", question_id=2, panelist_id=1)
    host.request("timer", action="start", seconds=120)  # set_now alone will do it (rev. 2)
    expect(page.locator("#stage-question")).to_have_text("Q2  What do PDs look for on a rotation?")
    expect(page.locator("#stage-speaker")).to_contain_text("Dr. Rivera")
    # it counts down locally, between the hub's timer frames
    expect(page.locator("#stage-timer")).to_have_text(re.compile(r"^1:5\d left$"))
    expect(page.locator("#stage-timer")).to_have_text(re.compile(r"^1:5[0-8] left$"))
    expect(page.locator("#announcer")).to_contain_text("On stage: Q2")
    expect(page.locator("#queue-list > li").first).to_contain_text("on stage")

    host.request("end")
    expect(page.locator("#ended-view")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#ask")).to_be_hidden()
    expect(row(page, 1)).to_be_visible()  # the questions stay readable
    assert problems == []


def test_reload_keeps_identity_votes_and_own_questions(browser: Any, room: Room) -> None:
    page, _ = new_page(browser)
    join(page, room.link, "Ana")
    ask(page, "First question")
    expect(row(page, 1)).to_be_visible()
    vote_button(page, 1).click()
    expect(vote_button(page, 1)).to_have_attribute("aria-pressed", "true")
    page.reload()
    connected(page)  # straight back in: no name asked
    expect(page.locator("#join-view")).to_be_hidden()
    expect(page.locator("#presence")).to_contain_text("you are Ana")
    expect(vote_button(page, 1)).to_have_attribute("aria-pressed", "true")
    expect(row(page, 1, "#mine-list")).to_be_visible()
    expect(page.locator("#presence")).to_contain_text("1 online")


def test_a_killed_hub_restarted_with_resume_gets_the_offline_ask_once(
    browser: Any, room: Room
) -> None:
    page, _ = new_page(browser)
    join(page, room.link, "Ana")
    ask(page, "Asked before the crash")
    expect(row(page, 1, "#mine-list")).to_contain_text("open")
    vote_button(page, 1).click()
    expect(vote_button(page, 1)).to_have_attribute("aria-pressed", "true")

    room.serve.kill()
    expect(page.locator("#connection")).to_contain_text("reconnecting", timeout=WAIT_MS)
    ask(page, "Asked while the hub was down")
    expect(page.locator("#mine-list")).to_contain_text("waiting to send")
    # kept where a reload or a closed tab finds it again (the hub serves the page: no reload now)
    kept = page.evaluate("JSON.stringify(Object.values(localStorage))")
    assert "Asked while the hub was down" in kept

    room.kill_and_resume()
    connected(page)
    expect(page.locator("#mine-list")).not_to_contain_text("waiting to send", timeout=WAIT_MS)
    expect(row(page, 2, "#mine-list")).to_contain_text("Asked while the hub was down")
    expect(vote_button(page, 1)).to_have_attribute("aria-pressed", "true")

    page.reload()
    connected(page)
    expect(row(page, 2)).to_be_visible()
    texts = [q["text"] for q in questions_of(room.serve.url, room.serve.key)]
    assert texts.count("Asked while the hub was down") == 1
    assert texts.count("Asked before the crash") == 1


def test_markup_and_html_in_questions_show_literally(browser: Any, room: Room) -> None:
    page, problems = new_page(browser)
    join(page, room.link, "<i>Ana</i> [bold]")
    hostile = (
        "[bold red]x[/] [link=https://e.example]y[/link] "
        '<img src=x onerror="alert(1)"> <b>z</b> &amp;'
    )
    ask(page, hostile)
    expect(row(page, 1).locator(".q-text")).to_have_text(hostile)
    expect(row(page, 1).locator(".q-meta")).to_have_text("<i>Ana</i> [bold]")
    assert page.locator("#queue-list img, #queue-list b, #queue-list i").count() == 0
    page.on("dialog", lambda dialog: problems.append("a dialog opened: " + dialog.message))
    host = room.host()
    host.request("set_now", question_id=1)
    expect(page.locator("#stage-question")).to_have_text("Q1  " + hostile)
    assert page.locator("#stage img").count() == 0
    assert problems == []


def test_moderated_questions_show_awaiting_approval_and_the_approval_is_announced(
    browser: Any, tmp_path: Path
) -> None:
    room = Room(tmp_path / "sessions", "--moderation")
    try:
        page, _ = new_page(browser)
        join(page, room.link, "Ana")
        ask(page, "Can you share your Step 2 score?")
        expect(row(page, 1, "#mine-list")).to_contain_text("awaiting approval")
        expect(page.locator("#queue-list > li")).to_have_count(0)
        room.host().request("approve", question_id=1)
        expect(row(page, 1, "#mine-list")).to_contain_text("open")
        expect(page.locator("#announcer")).to_contain_text("Your question Q1 is open.")
        expect(row(page, 1)).to_be_visible()
    finally:
        room.stop()


def test_withdraw_is_shown_as_withdrawn(browser: Any, room: Room) -> None:
    page, _ = new_page(browser)
    join(page, room.link, "Ana")
    ask(page, "Never mind this one")
    row(page, 1).locator('button[data-action="withdraw"]').click()
    expect(row(page, 1, "#mine-list")).to_contain_text("withdrawn")
    expect(page.locator("#queue-list > li")).to_have_count(0)
    expect(page.locator("#announcer")).to_contain_text("Your question Q1 is withdrawn.")


def test_keyboard_only(browser: Any, room: Room) -> None:
    page, _ = new_page(browser, viewport={"width": 1280, "height": 800})
    host = room.host()
    host.request("ask", text="A question from the host to vote on")
    join(page, room.link, "Kim")  # typed into the focused field, Enter joins
    ask(page, "Typed without a mouse")  # the box has the focus after joining
    expect(row(page, 2)).to_be_visible()
    focused = page.locator(":focus")
    # Tab through the form to the first vote button: every control is reachable in order
    names = []
    for _ in range(12):
        page.keyboard.press("Tab")
        names.append(focused.evaluate("e => e.id || e.getAttribute('data-action') || e.tagName"))
        if focused.get_attribute("data-action") == "vote":
            break
    assert names[:3] == ["ask-anonymous", "ask-panelist", "BUTTON"], names
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # visible focus
    label = focused.evaluate("e => e.textContent")
    page.keyboard.press("Space")
    expect(focused).to_have_attribute("aria-pressed", "true")
    assert "for Q" in label
    # the focus stays on the same control when the row is redrawn and moves up
    expect(page.locator(":focus")).to_have_attribute("aria-pressed", "true")
