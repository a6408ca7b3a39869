"""Hub addresses: HOST[:PORT], IPv6 in brackets, ws:// and wss:// URLs, and bad input."""

from __future__ import annotations

import pytest

from panelhost.client.address import AddressError, parse_address


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("192.168.1.20", "ws://192.168.1.20:8765/ws"),
        ("192.168.1.20:9000", "ws://192.168.1.20:9000/ws"),
        ("hub.example.org", "ws://hub.example.org:8765/ws"),
        ("[::1]:8765", "ws://[::1]:8765/ws"),
        ("[::1]", "ws://[::1]:8765/ws"),
        ("ws://127.0.0.1:8765/ws", "ws://127.0.0.1:8765/ws"),
        ("ws://127.0.0.1:8765", "ws://127.0.0.1:8765/ws"),
        ("wss://hub.example.org/panel/ws", "wss://hub.example.org:443/panel/ws"),
        ("WSS://[::1]:9/ws", "wss://[::1]:9/ws"),
    ],
)
def test_good_addresses(text: str, url: str) -> None:
    assert parse_address(text).url == url


@pytest.mark.parametrize(
    "text",
    [
        "",
        "http://hub:8765/ws",
        "hub:0",
        "hub:99999",
        "hub:abc",
        "::1",
        "[::1",
        "[nothost]:80",
        "bad host!",
        "ws://:8765/ws",
        "ws://hub:port/ws",
        "hub/ws",
    ],
)
def test_bad_addresses_are_one_line(text: str) -> None:
    with pytest.raises(AddressError) as caught:
        parse_address(text)
    assert "\n" not in str(caught.value)
