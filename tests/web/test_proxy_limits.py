"""Behind a real nginx over TLS: 20 wrong codes from one student lock out the whole room,
unless the hub trusts the proxy's X-Forwarded-For (`--trusted-proxy`); then only that student.

The students are real TCP peers at 127.0.0.2 and 127.0.0.3 (all of 127/8 is loopback)."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from tests.hub.wire import hello_outcome
from tests.tlscert import make_certificate
from tests.web.conftest import Room
from tests.web.proxies import Proxy

GUESSER, CLASSMATE = "127.0.0.2", "127.0.0.3"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"), "panel.test")


@contextmanager
def proxied_room(
    tmp_path: Path, certificate: tuple[Path, Path], *args: str
) -> Iterator[tuple[Room, Proxy]]:
    room = Room(tmp_path / "sessions", *args)
    proxy = Proxy("nginx", tmp_path / "nginx", room.port, *certificate)
    try:
        yield room, proxy
    finally:
        proxy.stop()
        room.stop()


async def attempt(proxy: Proxy, cert: Path, source: str, code: str) -> str:
    """A participant hello from the real address `source`, through the proxy."""
    context = ssl.create_default_context(cafile=str(cert))
    return await hello_outcome(proxy.socket_url, code, ssl=context, local_addr=(source, 0))


async def twenty_wrong_codes(proxy: Proxy, cert: Path) -> None:
    for _ in range(20):
        assert await attempt(proxy, cert, GUESSER, "WRONG-9") == "bad_code"


async def test_untrusted_proxy_one_guesser_locks_the_whole_room_out(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    with proxied_room(tmp_path, certificate) as (room, proxy):
        await twenty_wrong_codes(proxy, certificate[0])
        assert await attempt(proxy, certificate[0], CLASSMATE, room.serve.code) == "closed"


async def test_trusted_proxy_locks_out_only_the_guesser(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    with proxied_room(tmp_path, certificate, "--trusted-proxy", "127.0.0.1") as (room, proxy):
        await twenty_wrong_codes(proxy, certificate[0])
        assert await attempt(proxy, certificate[0], GUESSER, room.serve.code) == "closed"
        assert await attempt(proxy, certificate[0], CLASSMATE, room.serve.code) == "welcome"


async def test_a_student_cannot_forge_their_address_through_the_proxy(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    with proxied_room(tmp_path, certificate, "--trusted-proxy", "127.0.0.1") as (room, proxy):
        context = ssl.create_default_context(cafile=str(certificate[0]))
        for _ in range(20):  # each try claims to be the classmate; nginx appends the truth
            async with connect(
                proxy.socket_url,
                ssl=context,
                local_addr=(GUESSER, 0),
                open_timeout=10,
                additional_headers={"X-Forwarded-For": CLASSMATE},
            ) as ws:
                await ws.send(
                    json.dumps(
                        {
                            "type": "hello",
                            "protocol": 1,
                            "role": "participant",
                            "code": "WRONG-9",
                            "name": "S",
                        }
                    )
                )
                assert json.loads(await asyncio.wait_for(ws.recv(), 10))["code"] == "bad_code"
        assert await attempt(proxy, certificate[0], CLASSMATE, room.serve.code) == "welcome"
        assert await attempt(proxy, certificate[0], GUESSER, room.serve.code) == "closed"
