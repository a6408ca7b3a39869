"""The real client address behind a reverse proxy: `X-Forwarded-For`, from trusted peers only.

Every per-address limit counts this address; without a trusted proxy, a proxy's address
would stand for the whole room.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from websockets.datastructures import Headers

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ProxyError(ValueError):
    """A `--trusted-proxy` that is not an address or a network; the message says what to give."""


def parse_networks(specs: Iterable[str]) -> tuple[Network, ...]:
    """`"127.0.0.1"`, `"10.0.0.0/8"`, `"::1"` -> networks; raises ProxyError."""
    networks = []
    for spec in specs:
        try:
            networks.append(ipaddress.ip_network(spec.strip(), strict=False))
        except ValueError:
            raise ProxyError(
                f"--trusted-proxy {spec!r}: give the proxy's IP address or a network (10.0.0.0/8)"
            ) from None
    return tuple(networks)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("["):  # [v6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # v4:port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


class TrustedProxies:
    """The peers allowed to say who the client is."""

    def __init__(self, networks: tuple[Network, ...] = ()) -> None:
        self.networks = networks

    def trusts(self, address: str) -> bool:
        ip = _ip(address)
        return ip is not None and any(ip in network for network in self.networks)

    def client_address(self, peer: str, headers: Headers) -> str:
        """The peer itself, unless it is a trusted proxy: then the nearest hop before the
        trusted ones in `X-Forwarded-For` (the leftmost entries are the client's to forge)."""
        if not self.trusts(peer):
            return peer
        hops = [hop for value in headers.get_all("X-Forwarded-For") for hop in value.split(",")]
        for hop in reversed(hops):
            ip = _ip(hop)
            if ip is None:
                return peer  # a hop we cannot read: do not guess past it
            if not self.trusts(str(ip)):
                return str(ip)
        return peer
