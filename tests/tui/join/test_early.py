"""The participant app in a session open for questions, against a real hub on 127.0.0.1."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.tui.join.queue import QuestionTable

from ...client.linkkit import OpenLink
from ..pilotkit import until
from .joinkit import SIZE, join_app, painted


def _row_of(app, question_id: int) -> list[str]:
    return [str(cell) for cell in app.query_one(QuestionTable).get_row(str(question_id))]


async def test_a_student_asks_before_the_panel_and_sees_it_go_live(make_hub, open_link: OpenLink):
    hub = await make_hub(opens_early=True)
    app = join_app(hub.url, hub.code)
    async with app.run_test(size=SIZE) as pilot:
        await painted(pilot, app)
        assert "open for questions: the panel has not started yet" in app.status_text
        await pilot.press(*"Night shift: how do you study?", "enter")
        await until(pilot, lambda: app.mirror.my_questions == {1}, what="my ask")
        await painted(pilot, app)
        assert _row_of(app, 1)[2] == "mine early"
        host = await open_link(hub, role="host", name="Maya")
        assert isinstance(await host.request(p.GoLive()), p.Ok)
        await until(pilot, lambda: app.mirror.session.status == "live", what="live")
        await painted(pilot, app)
        assert "open for questions" not in app.status_text
        assert _row_of(app, 1)[2] == "mine early"  # still marked once the panel runs
