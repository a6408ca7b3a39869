"""The projector shows the page's join link and its QR code, as big as the screen allows."""

from __future__ import annotations

import pytest

from panelhost.hub import Hub
from panelhost.tui.widgets.qrcode import QRCode

from ..pilotkit import until
from .screenkit import painted, screen_app, text_of


@pytest.mark.parametrize(("size", "scale"), [((120, 34), 1), ((200, 60), 2), ((80, 24), 0)])
async def test_the_join_link_and_its_qr_code(hub: Hub, size: tuple[int, int], scale: int) -> None:
    app = screen_app(hub, join_address=f"192.0.2.7:{hub.port}")
    link = f"http://192.0.2.7:{hub.port}/#{hub.code}"
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        join = text_of(app, "#join")
        assert f"Join in a browser:  {link}" in join  # the link, whatever the size
        assert f"panelhost join 192.0.2.7:{hub.port} {hub.code}" in join
        qr = app.query_one(QRCode)
        assert qr.link == link
        panel = app.query_one("#qr-panel")
        assert panel.display == (scale > 0)
        if scale:
            assert qr.scale == scale
            assert panel.region.right <= size[0] and panel.region.bottom <= size[1]  # whole


async def test_a_wss_address_gives_an_https_link(hub: Hub) -> None:
    app = screen_app(hub, join_address="wss://panel.example.org/ws")
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: painted(app), "the welcome")
        assert app.query_one(QRCode).link == f"https://panel.example.org/#{hub.code}"
