"""Whose address an `X-Forwarded-For` names: only a trusted proxy may say."""

from __future__ import annotations

import pytest
from websockets.datastructures import Headers

from panelhost.hub.forwarded import ProxyError, TrustedProxies, parse_networks
from tests.conftest import MakeHub
from tests.hub.wire import hello_outcome


def address(peer: str, forwarded: list[str], trusted: tuple[str, ...]) -> str:
    headers = Headers([("X-Forwarded-For", value) for value in forwarded])
    return TrustedProxies(parse_networks(trusted)).client_address(peer, headers)


def test_an_untrusted_peer_is_itself_whatever_it_claims() -> None:
    assert address("203.0.113.9", ["198.51.100.1"], ()) == "203.0.113.9"
    assert address("203.0.113.9", ["198.51.100.1"], ("127.0.0.1",)) == "203.0.113.9"


def test_a_trusted_proxy_names_the_nearest_untrusted_hop() -> None:
    assert address("127.0.0.1", ["198.51.100.1"], ("127.0.0.1",)) == "198.51.100.1"
    # the student forged the left entry; nginx appended the real one on the right
    assert address("127.0.0.1", ["10.9.9.9, 198.51.100.1"], ("127.0.0.1",)) == "198.51.100.1"
    # a chain of trusted proxies (a CDN in front of nginx)
    assert (
        address("127.0.0.1", ["198.51.100.1", "10.0.0.5"], ("127.0.0.1", "10.0.0.0/8"))
        == "198.51.100.1"
    )


def test_ports_brackets_and_mapped_addresses_are_read() -> None:
    assert address("127.0.0.1", ["198.51.100.1:5555"], ("127.0.0.1",)) == "198.51.100.1"
    assert address("127.0.0.1", ["[2001:db8::1]:443"], ("127.0.0.1",)) == "2001:db8::1"
    assert address("::ffff:127.0.0.1", ["2001:db8::2"], ("127.0.0.1",)) == "2001:db8::2"


def test_a_trusted_proxy_without_the_header_or_with_junk_is_itself() -> None:
    assert address("127.0.0.1", [], ("127.0.0.1",)) == "127.0.0.1"
    assert address("127.0.0.1", ["unknown"], ("127.0.0.1",)) == "127.0.0.1"


def test_a_bad_proxy_option_is_one_line() -> None:
    with pytest.raises(ProxyError, match="--trusted-proxy 'nginx'"):
        parse_networks(["nginx"])


async def wrong_codes(url: str, forwarded_for: str, times: int) -> None:
    for _ in range(times):
        reply = await try_code(url, forwarded_for, "WRONG-1")
        assert reply == "bad_code"


async def try_code(url: str, forwarded_for: str, code: str) -> str:
    """A participant hello claiming to come from `forwarded_for`."""
    return await hello_outcome(url, code, additional_headers={"X-Forwarded-For": forwarded_for})


async def test_behind_a_trusted_proxy_one_guesser_is_locked_out_not_the_room(
    make_hub: MakeHub,
) -> None:
    hub = await make_hub(trusted_proxies=("127.0.0.1",))
    await wrong_codes(hub.url, "198.51.100.1", 20)
    assert await try_code(hub.url, "198.51.100.1", hub.code) == "closed"
    assert await try_code(hub.url, "198.51.100.2", hub.code) == "welcome"


async def test_without_trusting_the_proxy_one_guesser_locks_out_the_room(
    make_hub: MakeHub,
) -> None:
    hub = await make_hub()
    await wrong_codes(hub.url, "198.51.100.1", 20)
    assert await try_code(hub.url, "198.51.100.2", hub.code) == "closed"
