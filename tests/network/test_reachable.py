"""The addresses a join line shows: this machine's interfaces, default route first."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from panelhost.cli import build_parser
from panelhost.client.address import HubAddress
from panelhost.commands.host import connect_join_command, embedded_hub, host_options
from panelhost.commands.projector import join_target
from panelhost.reachable import (
    JoinAddresses,
    _default_route,
    interface_addresses,
    join_addresses,
    join_command,
)
from panelhost.tui.screen import make_screen_app
from tests.processes import serve_command


def _default_route_address() -> str | None:
    """The IPv4 address of the interface `ip route` names for the default route."""
    if shutil.which("ip") is None:
        return None
    route = subprocess.run(["ip", "-o", "-4", "route", "show", "default"], capture_output=True,
                           text=True, check=False).stdout.split()  # fmt: skip
    if "dev" not in route:
        return None
    device = route[route.index("dev") + 1]
    shown = subprocess.run(["ip", "-o", "-4", "addr", "show", "dev", device], capture_output=True,
                           text=True, check=False).stdout.split()  # fmt: skip
    return shown[shown.index("inet") + 1].split("/")[0] if "inet" in shown else None


def test_a_wildcard_bind_shows_the_default_routes_address_first_and_never_loopback() -> None:
    expected = _default_route_address()
    if expected is None:
        pytest.skip("this machine has no IPv4 default route")
    reachable = join_addresses("0.0.0.0", 8765)
    assert reachable.best == HubAddress(expected, 8765)
    assert reachable.note is None
    assert not any(a.host.startswith("127.") for a in reachable.addresses)
    assert [a.host for a in reachable.addresses] == interface_addresses({4})


def test_default_routes_are_read_from_the_kernels_tables() -> None:
    v4 = "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0"
    assert _default_route(v4.split(), ipv6=False) == (100, "eth0")
    subnet = "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"
    assert _default_route(subnet.split(), ipv6=False) is None
    assert _default_route(["Iface", "Destination", "Gateway", "Flags"], ipv6=False) is None
    v6 = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
    v6 += "fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan0"
    assert _default_route(v6.split(), ipv6=True) == (1024, "wlan0")
    unreachable = v6.replace("00000003 wlan0", "00200200 lo")
    assert _default_route(unreachable.split(), ipv6=True) is None


def test_a_loopback_bind_says_in_words_that_only_this_machine_can_join() -> None:
    reachable = join_addresses("127.0.0.1", 9000)
    assert reachable.addresses == (HubAddress("127.0.0.1", 9000),)
    assert reachable.aside() == (
        "only this machine can join: the hub listens on 127.0.0.1; --bind 0.0.0.0 lets the room in"
    )


@pytest.mark.parametrize(
    ("public", "shown"),
    [
        ("panel.example.org", "panel.example.org:9000"),
        ("203.0.113.7:80", "203.0.113.7:80"),
        ("[2001:db8::7]", "[2001:db8::7]:9000"),
        ("wss://panel.example.org/ws", "wss://panel.example.org/ws"),
    ],
)
def test_public_address_wins_and_takes_the_hubs_port_when_it_has_none(public, shown) -> None:
    reachable = join_addresses("0.0.0.0", 9000, public=public)
    assert [str(a) for a in reachable.addresses] == [shown]
    assert join_command(reachable.best, "k7q-2m9") == f"panelhost join {shown} K7Q-2M9"
    assert JoinAddresses.from_json(reachable.to_json()) == reachable


def test_several_addresses_are_all_named_so_the_host_can_pick() -> None:
    reachable = JoinAddresses((HubAddress("192.168.1.20", 8765), HubAddress("10.8.0.2", 8765)))
    assert reachable.aside() == (
        "this machine is also at 10.8.0.2:8765 (--public-address picks one)"
    )


def test_a_bad_public_address_is_one_line() -> None:
    result = subprocess.run(
        serve_command(None, "--public-address", "a b", port=None),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()[-1:]
    assert "--public-address" in line and "is not a host name" in line


def test_with_connect_the_public_address_is_the_join_line() -> None:
    line = connect_join_command("ws://127.0.0.1:9000/ws", "K7Q-2M9", "panel.example.org")
    assert line == "panelhost join panel.example.org:9000 K7Q-2M9"


def test_host_screen_projector_and_hub_log_show_the_same_line(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["host", "--sessions-dir", str(tmp_path), "--port", "0", "--public-address", "h.example"]
    )
    options = host_options(args)
    hub = embedded_hub(args, options)
    try:
        log = (tmp_path / f"{hub.session_id}.hub.log").read_text().splitlines()
        logged = [line.removeprefix("join").strip() for line in log if line.startswith("join ")]
        assert logged == [f"panelhost join h.example:{hub.port} {hub.code}"]
        assert options.join_command == logged[0]
        target = join_target(options.join_command)
        assert target is not None
        address, code = target
        screen = make_screen_app(hub.url, code, join_address=address)
        assert screen.join_line.endswith(logged[0])
    finally:
        assert hub.stop()
