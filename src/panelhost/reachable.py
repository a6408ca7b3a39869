"""Where the room can reach a hub: the addresses a join line shows, best first.

One rule in one place: the host screen, the projector, `serve`'s output (and so the hub's
log) and the web page's join link all take their address from `join_addresses`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from panelhost.client.address import AddressError, HubAddress, parse_address

WILDCARDS_V4 = ("0.0.0.0",)
WILDCARDS_V6 = ("::",)
DUAL_STACK = ("",)
"""asyncio binds "" to every interface of both families; "::" is IPv6 only (V6ONLY)."""

ROUTE_FILES = (Path("/proc/net/route"), Path("/proc/net/ipv6_route"))


@dataclass(frozen=True, slots=True)
class JoinAddresses:
    """The addresses to show the room (never empty) and, when they may fail, why in words."""

    addresses: tuple[HubAddress, ...]
    note: str | None = None
    """Set when only this machine can use them (loopback), so the host is not misled."""

    @property
    def best(self) -> HubAddress:
        return self.addresses[0]

    def aside(self) -> str | None:
        """What to say beside the best line: the other addresses, or why it may fail."""
        if self.note:
            return self.note
        if len(self.addresses) > 1:
            others = ", ".join(str(address) for address in self.addresses[1:])
            return f"this machine is also at {others} (--public-address picks one)"
        return None

    def to_json(self) -> dict[str, object]:
        return {"join": [str(a) for a in self.addresses], "join_note": self.note}

    @classmethod
    def from_json(cls, info: dict[str, object]) -> JoinAddresses | None:
        """Read back what `to_json` wrote (a hub's live file); None when it is not there."""
        join, note = info.get("join"), info.get("join_note")
        if not isinstance(join, list) or not join or not all(isinstance(a, str) for a in join):
            return None
        try:
            addresses = tuple(parse_address(a) for a in join)
        except AddressError:
            return None
        return cls(addresses, note if isinstance(note, str) else None)


def join_command(address: HubAddress | str, code: str) -> str:
    """The line a participant types: `panelhost join 192.168.1.20:8765 K7Q-2M9`."""
    return f"panelhost join {address} {code.strip().upper()}"


def parse_public_address(text: str) -> str:
    """Check `--public-address HOST[:PORT]` (or a ws:// / wss:// URL); AddressError if bad."""
    parse_address(text)
    return text.strip()


def public_join_address(text: str, port: int) -> HubAddress:
    """`--public-address` as a hub address; without a port it is the hub's own port."""
    address = parse_address(text)
    if "://" not in text and not _has_port(text.strip()):
        return HubAddress(host=address.host, port=port)
    return address


def _has_port(hostport: str) -> bool:
    if hostport.startswith("["):
        return "]:" in hostport
    return ":" in hostport


def join_addresses(
    bind: str, port: int, *, secure: bool = False, public: str | None = None
) -> JoinAddresses:
    """What the room should type to reach a hub bound to `bind:port`.

    `public` (`--public-address`) wins: the operator knows about NAT, proxies and DNS. A
    wildcard bind lists this machine's interface addresses that are up and not loopback,
    the default route's first; loopback only when there is nothing else, and then `note`
    says so.
    """
    if public:
        return JoinAddresses((public_join_address(public, port),))
    if bind not in (*WILDCARDS_V4, *WILDCARDS_V6, *DUAL_STACK):
        host = bind.strip("[]")
        note = None
        if _is_loopback(host):
            note = (
                f"only this machine can join: the hub listens on {host}; "
                "--bind 0.0.0.0 lets the room in"
            )
        return JoinAddresses((HubAddress(host=host, port=port, secure=secure),), note)
    families = {4, 6} if bind in DUAL_STACK else {6} if bind in WILDCARDS_V6 else {4}
    hosts = interface_addresses(families)
    if hosts:
        return JoinAddresses(tuple(HubAddress(host=h, port=port, secure=secure) for h in hosts))
    loopback = "::1" if families == {6} else "127.0.0.1"
    return JoinAddresses(
        (HubAddress(host=loopback, port=port, secure=secure),),
        "only this machine can join: no network interface is up; connect to the "
        "room's network, or give --public-address",
    )


def interface_addresses(families: set[int]) -> list[str]:
    """Addresses of this machine's interfaces that are up, default route's interface first.

    Loopback and IPv6 link-local addresses (which need a zone to be typed) are left out;
    IPv4 link-local (169.254/16, a network without DHCP) comes last.
    """
    import psutil

    stats = psutil.net_if_stats()
    preferred = default_route_interfaces()
    ranked: list[tuple[int, int, str]] = []
    for order, (name, addresses) in enumerate(psutil.net_if_addrs().items()):
        if name in stats and not stats[name].isup:
            continue
        for entry in addresses:
            host = str(entry.address).split("%", 1)[0]
            rank = _rank(host, families)
            if rank is None:
                continue
            route_rank = preferred.index(name) if name in preferred else len(preferred)
            ranked.append((rank * 1000 + route_rank, order, host))
    seen: list[str] = []
    for _, _, host in sorted(ranked):
        if host not in seen:
            seen.append(host)
    return seen


def _rank(host: str, families: set[int]) -> int | None:
    """0 for a usable address, 1 for IPv4 link-local; None to leave it out."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None  # a MAC address (AF_LINK / AF_PACKET), not an IP
    if ip.version not in families or ip.is_loopback or ip.is_unspecified or ip.is_multicast:
        return None
    if ip.is_link_local:
        return 1 if ip.version == 4 else None
    return 0


def default_route_interfaces() -> list[str]:
    """Interfaces that carry a default route (Linux's routing tables), lowest metric first.

    Where /proc has no routing table (not Linux), nothing: the interfaces keep their order.
    """
    routes: list[tuple[int, str]] = []
    for path in ROUTE_FILES:
        try:
            lines = path.read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            route = _default_route(line.split(), ipv6=path.name == "ipv6_route")
            if route is not None:
                routes.append(route)
    names: list[str] = []
    for _, name in sorted(routes):
        if name not in names:
            names.append(name)
    return names


def _default_route(fields: list[str], *, ipv6: bool) -> tuple[int, str] | None:
    """(metric, interface) when a routing table line is a default route that is up."""
    try:
        if ipv6:
            # dest, dest prefix, src, src prefix, next hop, metric, refcnt, use, flags, iface
            if len(fields) < 10 or int(fields[0], 16) != 0 or int(fields[1], 16) != 0:
                return None
            metric, flags, name = int(fields[5], 16), int(fields[8], 16), fields[9]
        else:
            # iface, destination, gateway, flags, refcnt, use, metric, mask, ...
            if len(fields) < 8 or fields[0] == "Iface":
                return None
            if int(fields[1], 16) != 0 or int(fields[7], 16) != 0:
                return None
            name, flags, metric = fields[0], int(fields[3], 16), int(fields[6])
    except ValueError:
        return None
    route_up, route_reject = 0x1, 0x200
    if not flags & route_up or flags & route_reject or name == "lo":
        return None
    return metric, name


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = [
    "AddressError",
    "JoinAddresses",
    "default_route_interfaces",
    "interface_addresses",
    "join_addresses",
    "join_command",
    "parse_public_address",
    "public_join_address",
]
