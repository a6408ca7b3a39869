"""A second "machine" for tests: a network namespace joined to this host by a veth pair.

Each namespace gets a private /30 of 10.213.0.0/16 chosen from the test's pid (several
suites may run at once on one machine), with routes only to this host's own addresses, so
no packet ever leaves the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import pytest


class NoNamespaces(Exception):
    """`ip netns` cannot be used here (not root, no iproute2, no kernel support)."""


@dataclass(frozen=True)
class OtherMachine:
    """A namespace at `address` that reaches this host at `host_address` over a veth."""

    name: str
    address: str
    host_address: str

    def run(self, argv: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        """Run a command inside the namespace."""
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            ["ip", "netns", "exec", self.name, *argv], text=True, **kwargs
        )

    def popen(self, argv: Sequence[str], **kwargs: object) -> subprocess.Popen[str]:
        return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
            ["ip", "netns", "exec", self.name, *argv], text=True, **kwargs
        )

    def route_to_this_host(self, address: str) -> None:
        """Reach one more of this host's own addresses over the veth (a /32, nothing else)."""
        if address != self.host_address:
            route = ["ip", "route", "add", f"{address}/32", "via", self.host_address]
            self.run(route, check=True, capture_output=True)


def _ip(*args: str) -> None:
    result = subprocess.run(["ip", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise NoNamespaces(f"ip {' '.join(args)}: {result.stderr.strip()}")


def _block() -> tuple[str, str]:
    """This process's /30: (host side, namespace side)."""
    n = os.getpid() % 16384
    third, fourth = divmod(n * 4, 256)
    return f"10.213.{third}.{fourth + 1}", f"10.213.{third}.{fourth + 2}"


@contextmanager
def other_machine() -> Iterator[OtherMachine]:
    """Create the namespace and its veth; remove both afterwards, whatever happened."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        raise NoNamespaces("needs root and iproute2's ip")
    tag = str(os.getpid() % 100000)
    name, host_side, peer = f"panelhost-test-{tag}", f"phv{tag}h", f"phv{tag}p"
    host_address, address = _block()
    try:
        _ip("netns", "add", name)
        _ip("link", "add", host_side, "type", "veth", "peer", "name", peer)
        _ip("link", "set", peer, "netns", name)
        _ip("addr", "add", f"{host_address}/30", "dev", host_side)
        _ip("link", "set", host_side, "up")
        _ip("netns", "exec", name, "ip", "addr", "add", f"{address}/30", "dev", peer)
        _ip("netns", "exec", name, "ip", "link", "set", peer, "up")
        _ip("netns", "exec", name, "ip", "link", "set", "lo", "up")
        yield OtherMachine(name, address, host_address)
    finally:
        subprocess.run(["ip", "link", "del", host_side], capture_output=True, check=False)
        subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)


@contextmanager
def offline_machine() -> Iterator[OtherMachine]:
    """A namespace with nothing but loopback: a laptop on no network at all."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        raise NoNamespaces("needs root and iproute2's ip")
    name = f"panelhost-test-{os.getpid() % 100000}-lo"
    try:
        _ip("netns", "add", name)
        _ip("netns", "exec", name, "ip", "link", "set", "lo", "up")
        yield OtherMachine(name, "127.0.0.1", "127.0.0.1")
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)


@contextmanager
def or_skip(machine: AbstractContextManager[OtherMachine]) -> Iterator[OtherMachine]:
    """Enter `machine`, skipped in one line where namespaces are unavailable (CI: failed)."""
    try:
        with machine as entered:
            yield entered
    except NoNamespaces as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"network namespaces are needed in CI: {exc}")
        pytest.skip(f"no network namespace here: {exc}")
