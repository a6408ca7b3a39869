"""The host screen shows the page's join link first, and `w` shows its QR code."""

from __future__ import annotations

import pytest

from panelhost.hub import Hub
from panelhost.tui.host.joinqr import JoinQRDialog
from panelhost.tui.widgets.qrcode import QRCode

from ..pilotkit import screen_text, until
from .hostkit import SIZE, connected, host_app


async def test_the_join_line_starts_with_the_link_and_w_shows_its_qr_code(hub: Hub) -> None:
    link = f"http://192.0.2.7:{hub.port}/#{hub.code}"
    app = host_app(hub, join_link=link)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        assert f"Join: {link} (w: QR code) · panelhost join" in screen_text(app)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, JoinQRDialog), what="the QR dialog")
        assert app.screen.query_one(QRCode).link == link
        assert link in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, JoinQRDialog), what="closed")


async def test_without_a_link_w_says_why(hub: Hub) -> None:
    app = host_app(hub)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot, app)
        await pilot.press("w")
        await until(
            pilot,
            lambda: any("No join link" in n.message for n in app._notifications),
            what="the notice",
        )
        assert not isinstance(app.screen, JoinQRDialog)


@pytest.mark.parametrize("size", [(80, 24), (120, 34)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_whole_join_line_and_its_aside_show_at_80_and_120_columns(
    hub: Hub, size: tuple[int, int]
) -> None:
    # a rehearsal at 80x24 saw `... (w: QR code) · panelhost join` and nothing after
    address = f"192.168.100.200:{hub.port}"
    command = f"panelhost join {address} {hub.code}"
    aside = f"this machine is also at 10.8.0.2:{hub.port} (--public-address picks one)"
    app = host_app(
        hub,
        join_link=f"http://{address}/#{hub.code}",
        join_command=command,
        join_aside=aside,
    )
    async with app.run_test(size=size) as pilot:
        await connected(pilot, app)
        await pilot.press("down")  # a key first, as a host would: the screen is live
        text = screen_text(app)
        assert f"http://{address}/#{hub.code}" in text
        assert command in text
        assert aside in text
        assert "Queue" in text  # the lists still show under it
