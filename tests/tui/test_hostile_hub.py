"""Terminal injection from a hostile hub: the host, participant and projector screens show
escape sequences, bidi overrides and markup as inert text.

The real hub normalises text, so a fake hub on 127.0.0.1 replays a real welcome with every
text field replaced by hostile text, and each app is driven with Pilot against it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from textual.app import App
from websockets.asyncio.server import ServerConnection, serve

from panelhost.client.link import Link
from panelhost.tui.host import HostOptions, make_host_app
from panelhost.tui.join import make_join_app
from panelhost.tui.screen import make_screen_app
from tests.hub.wire import join
from tests.reliability.test_abuse import BIDI, CONTROL, HOSTILE

from .pilotkit import screen_text, until


def _poison(welcome: dict[str, Any], role: str) -> dict[str, Any]:
    welcome["you"]["role"] = role
    state = welcome["state"]
    state["session"]["title"] = "Title " + HOSTILE
    for panelist in state["panelists"]:
        panelist["name"] = "Dr. " + HOSTILE
        panelist["title"] = HOSTILE
    for question in state["questions"]:
        question["text"] = "Q " + HOSTILE
        question["author"] = "Eve " + HOSTILE
    state["notes"] = [
        {
            "id": 1,
            "question_id": None,
            "text": "Note " + HOSTILE,
            "at": state["session"]["started_at"],
        }
    ]
    state["now"] = {"question_id": state["questions"][0]["id"], "panelist_id": 1}
    return welcome


@pytest.fixture
async def hostile_url(hub) -> AsyncIterator[Callable[[str], str]]:
    """A fake hub that welcomes any hello with the real hub's snapshot, poisoned."""
    host = await join(hub, role="host", name="Maya")
    assert (await host.request("ask", text="placeholder"))["type"] == "ok"
    welcome = (await join(hub, role="host", name="Eve")).welcome

    async def hostile(ws: ServerConnection) -> None:
        hello = json.loads(await ws.recv())
        await ws.send(json.dumps(_poison(json.loads(json.dumps(welcome)), hello["role"])))
        await ws.wait_closed()

    async with serve(hostile, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        yield lambda role: f"ws://127.0.0.1:{port}/ws"


def _apps(url: str) -> dict[str, Callable[[], App[Any]]]:
    return {
        "host": lambda: make_host_app(
            url,
            "key",
            options=HostOptions(bell=False, join_command="panelhost join x y"),
            link=Link(url, role="host", key="key", name="Maya"),
        ),
        "participant": lambda: make_join_app(Link(url, code="ABC-DEF", name="Ana")),
        "viewer": lambda: make_screen_app(url, "ABC-DEF", join_address="127.0.0.1:8765"),
    }


@pytest.mark.parametrize("role", ["host", "participant", "viewer"])
async def test_hostile_hub_text_is_inert_on_every_screen(hostile_url, role):
    url = hostile_url(role)
    app = _apps(url)[role]()
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: "RED" in screen_text(app), "the hostile text")
        text = screen_text(app)
    offending = sorted({f"U+{ord(ch):04X}" for ch in text if ch in CONTROL + BIDI} - {"U+000A"})
    assert offending == [], offending
    assert "\\x1b[2J" in text, text  # the escape is shown as text, not acted on
