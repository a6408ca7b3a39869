"""The host screen shows the page's join link first, and `w` shows its QR code."""

from __future__ import annotations

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
