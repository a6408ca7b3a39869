"""A viewer (the projector) may look but not act, and is not counted as a participant."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.hub import Hub
from tests.hub.wire import join

from ..pilotkit import until
from .screenkit import screen_app, text_of


async def test_a_viewers_requests_are_forbidden(hub: Hub) -> None:
    host = await join(hub, role="host", name="Maya")
    await host.request("ask", text="How did you choose EM?")
    viewer = await join(hub, role="viewer", name="Room screen")
    assert viewer.token is None
    for request in (
        {"type": "ask", "text": "sneaky"},
        {"type": "vote", "question_id": 1},
        {"type": "set_now", "question_id": 1},
        {"type": "timer", "action": "start"},
        {"type": "end"},
    ):
        kind = request.pop("type")
        reply = await viewer.request(kind, **request)
        assert reply["type"] == "error" and reply["code"] == "forbidden", kind


async def test_the_screens_link_is_refused_too_and_not_counted(hub: Hub) -> None:
    app = screen_app(hub)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: app.link.status == "connected", "a connection")
        reply = await app.link.request(p.Vote(question_id=1))
        assert isinstance(reply, p.Error) and reply.code == "forbidden"
        assert hub.participants == 0

        ana = await join(hub, name="Ana")
        await until(pilot, lambda: text_of(app, "#presence") == "1 online", "one participant")
        assert ana.welcome["state"]["participants"] == 1
        second_screen = await join(hub, role="viewer", name="Second screen")
        assert second_screen.welcome["state"]["participants"] == 1
        assert hub.participants == 1
