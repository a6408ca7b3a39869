"""The Origin rule (PROTOCOL.md, Transport): native clients and the hub's own pages get in,
a foreign page gets HTTP 403 before the upgrade; `--allowed-origin` and `--public-url` add."""

from __future__ import annotations

import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.conftest import MakeHub


async def opens(url: str, origin: str | None) -> bool:
    """Whether a socket with this Origin is upgraded (False on HTTP 403)."""
    try:
        ws = await connect(url, origin=origin, open_timeout=10)  # type: ignore[arg-type]
    except InvalidStatus as exc:
        assert exc.response.status_code == 403
        return False
    await ws.close()
    return True


async def test_no_origin_and_own_origin_are_admitted_others_are_403(make_hub: MakeHub) -> None:
    hub = await make_hub()
    assert await opens(hub.url, None)
    assert await opens(hub.url, f"http://127.0.0.1:{hub.port}")
    assert await opens(hub.url, f"http://localhost:{hub.port}")
    assert not await opens(hub.url, "http://evil.example")
    assert not await opens(hub.url, f"http://evil.example:{hub.port}")
    assert not await opens(hub.url, f"http://127.0.0.1:{hub.port + 1}")
    assert not await opens(hub.url, f"https://127.0.0.1:{hub.port}")
    assert not await opens(hub.url, "null")


async def test_a_foreign_origin_cannot_even_try_a_code(make_hub: MakeHub) -> None:
    hub = await make_hub()
    with pytest.raises(InvalidStatus):
        async with connect(hub.url, origin="http://evil.example") as ws:  # type: ignore[arg-type]
            await ws.send(
                json.dumps(
                    {
                        "type": "hello",
                        "protocol": 1,
                        "role": "participant",
                        "code": hub.code,
                        "name": "x",
                    }
                )
            )


async def test_allowed_origin_and_public_url_are_admitted(make_hub: MakeHub) -> None:
    hub = await make_hub(
        public_url="https://Panel.Example.org/", allowed_origins=("https://alumni.example.edu",)
    )
    assert await opens(hub.url, "https://panel.example.org")
    assert await opens(hub.url, "https://alumni.example.edu")
    assert not await opens(hub.url, "http://panel.example.org")
    assert not await opens(hub.url, "https://panel.example.org:8443")


async def test_a_hub_on_every_interface_admits_the_join_links_origin(make_hub: MakeHub) -> None:
    hub = await make_hub(bind="0.0.0.0")
    for address in hub.join_addresses.addresses:  # what the link and the QR code show
        assert await opens(hub.url, f"http://{address.netloc}")
    assert not await opens(hub.url, "http://evil.example")


async def test_public_address_is_an_own_origin(make_hub: MakeHub) -> None:
    hub = await make_hub(public_address="panel.lan")
    assert await opens(hub.url, f"http://panel.lan:{hub.port}")
