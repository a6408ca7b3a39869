"""The host screen of a session open for questions: the ranked pile, `L` to go live."""

from __future__ import annotations

from panelhost import protocol as p

from ..pilotkit import screen_text, until
from .hostkit import ask, connected, host_app, question, shows


async def test_the_host_sees_the_pile_and_goes_live_with_one_key(make_hub, open_link):
    hub = await make_hub(opens_early=True)
    ana = await open_link(hub, name="Ana")
    ben = await open_link(hub, name="Ben")
    night = await ask(ana, "How do you study after night shifts?")
    await ask(ben, "Which away rotations matter?")
    assert isinstance(await ben.vote(night), p.Ok)
    app = host_app(hub)
    async with app.run_test(size=(160, 34)) as pilot:  # the detail line whole
        await connected(pilot, app)
        text = await shows(pilot, app, "open for questions (L: go live)", "go live")
        assert text.count("early: ") == 2
        assert "asked before the panel" in text  # the detail says it whole
        # the most voted first: the pile is ranked as the queue will be
        assert text.index("Q1 early: How do") < text.index("Q2 early: Which")
        assert app.link.mirror.now.question_id is None
        await pilot.press("L")
        await until(pilot, lambda: app.link.mirror.session.status == "live", what="live")
        # the header repainted: "live 0:00:01", and not "(L: go live) " (which has "live ")
        await until(
            pilot,
            lambda: "live 0:" in screen_text(app) and "open for questions" not in screen_text(app),
            what="the header to say live",
        )
        assert "Q1 early: How do" in screen_text(app)
        assert question(app, night).asked_early
