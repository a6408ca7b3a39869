"""Two host screens on one session know of each other: a notice when one comes or goes, and
the count on the status line, against a real hub on 127.0.0.1."""

from __future__ import annotations

import pytest

from ..pilotkit import screen_text, until
from .hostkit import host_pilot, screen_of, shows


def status_line(app) -> str:
    return str(screen_of(app).query_one("#status").render())


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


@pytest.mark.parametrize("size", [(80, 24), (120, 34)])
async def test_a_second_host_screen_coming_and_going_is_told(hub, open_link, size):
    async with host_pilot(hub, size) as (app, pilot):
        assert "host screen" not in screen_text(app)  # alone: nothing to say

        cohost = await open_link(hub, role="host", name="Sam")  # say, a co-host's laptop
        attached = "Another host screen is attached: 2 host screens on this session."
        await until(pilot, lambda: attached in notices(app), what="the attached notice")
        await until(pilot, lambda: "· 2 host screens ·" in status_line(app), what="the count")
        # it fits: the whole status line shows (once laid out again for its new width)
        await shows(pilot, app, "· 2 host screens · hub: connected")

        await cohost.close()
        left = "The other host screen left: this is the only one on this session now."
        await until(pilot, lambda: left in notices(app), what="the left notice")
        await until(pilot, lambda: "host screen" not in status_line(app), what="no count")
        assert notices(app).count(attached) == 1 and notices(app).count(left) == 1


async def test_a_host_screen_attaching_to_a_session_with_a_host_is_told_at_once(hub, open_link):
    await open_link(hub, role="host", name="Maya")  # the screen already attached
    async with host_pilot(hub) as (app, pilot):
        attached = "Another host screen is attached: 2 host screens on this session."
        await until(pilot, lambda: attached in notices(app), what="the attached notice")
        await shows(pilot, app, "2 host screens")
