"""What the browser tests do on the page, as a person would: by keyboard and by sight."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.processes import BlockingPeer

WAIT_MS = 15_000


def join(page: Page, link: str, name: str) -> None:
    """Open the link, type a name into the field that has the focus, press Enter."""
    page.goto(link)
    expect(page.locator("#join-name")).to_be_focused(timeout=WAIT_MS)
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    connected(page)


def connected(page: Page) -> None:
    expect(page.locator("#connection")).to_have_text("Connected", timeout=WAIT_MS)


def ask(page: Page, text: str) -> None:
    page.locator("#ask-text").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def row(page: Page, question_id: int, where: str = "#queue-list") -> Any:
    return page.locator(f'{where} li[data-key="q{question_id}"]')


def vote_button(page: Page, question_id: int) -> Any:
    return row(page, question_id).locator('button[data-action="vote"]')


def questions_of(peer_url: str, key: str) -> list[dict[str, Any]]:
    """Every question as a fresh host sees it (the hub's truth, not the page's)."""
    peer = BlockingPeer(peer_url, {"role": "host", "key": key, "name": "Check"})
    try:
        questions: list[dict[str, Any]] = peer.welcome["state"]["questions"]
        return questions
    finally:
        peer.ws.close()
