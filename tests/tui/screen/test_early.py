"""The projector in a session open for questions: it says so, and marks the questions."""

from __future__ import annotations

from rich.console import Console

from panelhost.tui.screen.upnext import UpNext
from panelhost.tui.widgets.offers import OffersBox
from tests.hub.wire import join

from ..pilotkit import until
from .screenkit import painted, question_text, screen_app


async def test_the_projector_says_questions_are_open_and_marks_them(make_hub) -> None:
    hub = await make_hub(opens_early=True)
    ana = await join(hub, revision=3)
    await ana.request("ask", text="How do you study after nights?")
    host = await join(hub, role="host", name="Maya", revision=3)
    app = screen_app(hub)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        assert question_text(app) == "Questions are open: the panel starts later"
        console = Console(width=100, record=True)
        console.print(app.query_one(UpNext).render())
        assert "early: How do you study after nights?" in console.export_text()
        await host.request("go_live")
        await until(pilot, lambda: question_text(app) == "Waiting for the next question", "live")


async def test_the_projector_shows_the_offers_with_places_left(hub) -> None:
    host = await join(hub, role="host", name="Maya", revision=3)
    await host.request("offer", panelist_id=1, text="Read three personal statements", places=3)
    app = screen_app(hub)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        offers = app.query_one(OffersBox)
        await until(pilot, lambda: offers.has_class("-some"), "the offers")
        shown = str(offers.content)
        assert "Offer 1, Dr. Rivera: Read three personal statements (3 of 3 places left)" in shown
