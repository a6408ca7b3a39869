"""The host records an offer with `O` and reads the follow-ups with `U`, against a real hub."""

from __future__ import annotations

from textual.widgets import Input, Static

from panelhost import protocol as p
from panelhost.tui.host.dialogs import TextDialog
from panelhost.tui.host.offers import FollowUpsView, OfferDialog

from ..pilotkit import screen_text, until
from .hostkit import SIZE, connected, host_app, shows


async def test_record_an_offer_and_read_who_follows_up(hub, open_link):
    ana = await open_link(hub, name="Ana")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("O")
        await until(pilot, lambda: isinstance(app.screen, OfferDialog), what="the dialog")
        dialog = app.screen
        dialog.query_one("#offer-panelist", Input).value = "2"
        dialog.query_one("#offer-text", Input).value = "Shadowing shifts in the ED this spring"
        dialog.query_one("#offer-places", Input).value = "3"
        dialog.query_one("#offer-places", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: 1 in ana.mirror.offers, what="the offer to reach Ana")
        offer = ana.mirror.offers[1]
        assert (offer.panelist_id, offer.places, offer.places_left) == (2, 3, 3)
        asked = await ana.request(
            p.FollowUpRequest(offer_id=1, message="nights", email="ana@example.org")
        )
        assert isinstance(asked, p.Ok)
        await until(pilot, lambda: 1 in app.link.mirror.follow_ups, what="the follow-up")
        await pilot.press("U")
        await until(pilot, lambda: isinstance(app.screen, FollowUpsView), what="the list")
        shown = str(app.screen.query_one("#follow-ups", Static).content)
        assert "Dr. Chen" in shown and "Ana <ana@example.org>" in shown and "nights" in shown
        # the command to copy, with this session's id (it said SESSION_ID)
        assert f"panelhost export {hub.session_id} --follow-ups" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FollowUpsView), what="closed")


async def test_take_back_an_offer_with_x(hub, open_link):
    ana = await open_link(hub, name="Ana")
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await app.link.request(p.OfferRequest(panelist_id=1, text="Read a statement"))
        await until(pilot, lambda: 1 in ana.mirror.offers, what="the offer")
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), what="the dialog")
        await pilot.press("enter")  # the latest offer is filled in
        await until(pilot, lambda: 1 not in ana.mirror.offers, what="the offer taken back")


async def test_the_header_counts_the_follow_ups_so_the_host_knows_to_press_u(hub, open_link):
    ana = await open_link(hub, name="Ana")
    ben = await open_link(hub, name="Ben")
    app = host_app(hub)
    async with app.run_test(size=(80, 24)) as pilot:
        await connected(pilot, app)
        assert "follow-up" not in screen_text(app)  # none yet: nothing to say
        await app.link.request(p.OfferRequest(panelist_id=1, text="Read a statement"))
        for link in (ana, ben):
            asked = await link.request(p.FollowUpRequest(offer_id=1, message="hi", email=None))
            assert isinstance(asked, p.Ok)
        header = (await shows(pilot, app, "2 follow-ups (U)")).splitlines()[0]
        assert "hub: connected" in header  # still fits 80 columns
        await ben.request(p.FollowUpWithdraw(follow_up_id=2))
        await shows(pilot, app, "1 follow-up (U)")  # a withdrawn one is not counted
