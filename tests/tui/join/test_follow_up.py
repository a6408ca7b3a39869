"""The participant app shows the offers and sends a follow-up the other students never see."""

from __future__ import annotations

from textual.widgets import Input

from panelhost import protocol as p
from panelhost.tui.join.followup import FollowUpDialog, UnfollowDialog

from ...client.linkkit import OpenLink
from ..pilotkit import screen_text, until
from .joinkit import SIZE, join_app, painted


async def test_a_student_follows_up_on_an_offer_and_withdraws(hub, open_link: OpenLink) -> None:
    host = await open_link(hub, role="host", name="Maya")
    assert isinstance(
        await host.request(
            p.OfferRequest(panelist_id=1, text="Read [b]three[/b] statements", places=2)
        ),
        p.Ok,
    )
    ben = await open_link(hub, name="Ben")
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        text = screen_text(app)
        assert "Offer 1, Dr. Rivera: Read [b]three[/b] statements (2 of 2 places left)" in text
        await pilot.press("tab", "f")
        await until(pilot, lambda: isinstance(app.screen, FollowUpDialog), what="the dialog")
        assert app.screen.query_one("#follow-to", Input).value == "offer 1"
        app.screen.query_one("#follow-email", Input).value = "ana@example.org"
        app.screen.query_one("#follow-message", Input).value = "on nights"
        app.screen.query_one("#follow-message", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.mirror.my_follow_ups == {1}, what="the follow-up")
        await until(pilot, lambda: "1 of 2 places left" in screen_text(app), what="places")
        assert hub.session.state.follow_ups[1].email == "ana@example.org"
        await until(pilot, lambda: ben.mirror.offers[1].places_left == 1, what="Ben's count")
        assert ben.mirror.follow_ups == {} and host.mirror.follow_ups[1].email == "ana@example.org"
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, UnfollowDialog), what="which one")
        await pilot.press("enter")  # the only one, filled in
        await until(pilot, lambda: app.mirror.my_follow_ups == set(), what="the withdrawal")
        await until(pilot, lambda: hub.session.state.follow_ups[1].withdrawn, what="withdrawn")


async def test_f_lets_the_student_choose_which_follow_up_to_withdraw(
    hub, open_link: OpenLink
) -> None:
    host = await open_link(hub, role="host", name="Maya")
    await host.request(p.OfferRequest(panelist_id=1, text="Shadowing in the ED", places=None))
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        for to, message in (("offer 1", "nights"), ("panelist 2", "IM?")):
            await pilot.press("tab", "f")
            await until(pilot, lambda: isinstance(app.screen, FollowUpDialog), what="the dialog")
            # the dialog opens in the email (it opened with nothing focused: typing went nowhere)
            await pilot.press(*"a@b.org")
            assert app.screen.query_one("#follow-email", Input).value == "a@b.org"
            app.screen.query_one("#follow-to", Input).value = to
            app.screen.query_one("#follow-message", Input).value = message
            app.screen.query_one("#follow-message", Input).focus()
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, FollowUpDialog), what="sent")
            await pilot.press("tab")  # back in the box, as after any send
        await until(pilot, lambda: app.mirror.my_follow_ups == {1, 2}, what="both sent")
        await pilot.press("tab", "F")
        await until(pilot, lambda: isinstance(app.screen, UnfollowDialog), what="the choice")
        text = screen_text(app)
        assert "1 offer 1" in text and "2 panelist 2" in text  # what each was about
        assert app.screen.query_one(Input).value == "2"  # the latest, filled in
        await pilot.press("backspace", "1", "enter")
        await until(pilot, lambda: app.mirror.my_follow_ups == {2}, what="the first withdrawn")
        assert hub.session.state.follow_ups[1].withdrawn
        assert not hub.session.state.follow_ups[2].withdrawn
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, UnfollowDialog), what="again")
        await pilot.press("backspace", "7", "enter")  # not one of hers: one line says what to do
        await until(pilot, lambda: "give one of yours: 2" in screen_text(app), what="the error")
        await pilot.press("escape")
        assert app.mirror.my_follow_ups == {2}
