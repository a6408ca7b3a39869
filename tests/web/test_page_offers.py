"""Offers and a follow-up from the page in real headless chromium, beside a host."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import Room
from tests.web.page import join
from tests.web.test_page_browser import new_page


def test_the_page_shows_offers_and_sends_a_follow_up_only_hosts_see(
    browser: Any, room: Room
) -> None:
    host = room.host()
    host.request("offer", panelist_id=2, text="Ask me about <b>away</b> rotations", places=1)
    page, problems = new_page(browser)
    join(page, room.link, "Ana")
    other, _ = new_page(browser)
    join(other, room.link, "Ben")
    offer = page.locator('#offers-list li[data-offer="1"]')
    expect(offer).to_have_text(
        "Offer 1, Dr. Chen: Ask me about <b>away</b> rotations (1 of 1 place left)"
    )
    page.locator("#follow-email").fill("not-an-address")
    page.locator("#follow-send").click()
    expect(page.locator("#follow-feedback")).to_contain_text("is not an email address")
    page.locator("#follow-email").fill("ana@example.org")
    page.locator("#follow-message").fill("I am on nights")
    page.locator("#follow-send").click()
    expect(page.locator("#follow-feedback")).to_have_text(
        "Sent: follow-up 1. Only the hosts see it."
    )
    expect(other.locator('#offers-list li[data-offer="1"]')).to_contain_text("no places left")
    assert "ana@example.org" not in other.content() and "on nights" not in other.content()
    welcome = room.host().welcome
    (follow_up,) = welcome["state"]["follow_ups"]
    assert (follow_up["email"], follow_up["message"]) == ("ana@example.org", "I am on nights")
    page.locator("#follow-withdraw").click()
    expect(page.locator("#follow-feedback")).to_have_text("Follow-up 1 withdrawn.")
    expect(other.locator('#offers-list li[data-offer="1"]')).to_contain_text("1 of 1 place left")
    assert problems == []
