"""A phone-sized browser and a terminal client in one session through a real TLS proxy
(nginx, Caddy) run from docs/deploy.md's configs: the page over https, the socket over wss."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.tlscert import make_certificate
from tests.web.conftest import Room, chromium, free_port
from tests.web.page import ask, join, row, vote_button
from tests.web.proxies import PUBLIC_NAME, Proxy


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium that resolves the proxy's public name to loopback."""
    with chromium(f"--host-resolver-rules=MAP {PUBLIC_NAME} 127.0.0.1") as launched:
        yield launched


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"), PUBLIC_NAME)


@pytest.mark.parametrize("kind", ["nginx", "caddy"])
def test_phone_and_terminal_share_a_session_through_the_proxy(
    browser: Any, certificate: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    cert, key = certificate
    proxy_port = free_port()
    public_url = f"https://{PUBLIC_NAME}:{proxy_port}"
    room = Room(tmp_path / "sessions", "--public-url", public_url, "--trusted-proxy", "127.0.0.1")
    proxy = None
    try:
        proxy = Proxy(kind, tmp_path / kind, room.port, cert, key, port=proxy_port)
        code = room.serve.code
        assert room.link == f"{public_url}/#{code}"
        assert room.serve.join == f"panelhost join wss://{PUBLIC_NAME}:{proxy_port}/ws {code}"

        context = browser.new_context(
            viewport={"width": 360, "height": 740}, ignore_https_errors=True
        )
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        join(page, room.link, "Ana")
        assert page.url.startswith(f"{public_url}/")
        assert sockets and all(url == f"wss://{PUBLIC_NAME}:{proxy_port}/ws" for url in sockets)

        ben = room.plain_client("Ben", tmp_path / "ben", proxy.socket_url, ca_file=cert)
        ask(page, "Asked from the phone over https")
        ben.wait_for("Asked from the phone over https")
        ben.type("ask Asked from the terminal over wss")
        ben.wait_for("Sent: your question 2")
        expect(row(page, 2)).to_contain_text("Asked from the terminal over wss")
        vote_button(page, 2).click()
        expect(row(page, 2)).to_contain_text("1 vote")
        ben.type("vote 1")
        expect(row(page, 1)).to_contain_text("1 vote")
        context.close()
    finally:
        if proxy is not None:
            proxy.stop()
        room.stop()
