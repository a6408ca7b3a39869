"""Plain HTTP on the hub's port: the page at `GET /`, its headers, 404 and 405 (real sockets)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re

from panelhost.hub import Hub


async def http(
    hub: Hub, method: str, path: str, headers: str = ""
) -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP/1.1 request to the hub; its status, headers (last wins) and body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", hub.port)
    writer.write(
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{hub.port}\r\n{headers}\r\n".encode()
    )
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return status, fields, body


def inline(tag: str, html: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
    assert match is not None, tag
    return match.group(1)


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


async def test_get_root_serves_the_page_with_its_policy(hub: Hub) -> None:
    status, headers, body = await http(hub, "GET", "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert int(headers["content-length"]) == len(body)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in headers
    html = body.decode()
    assert "<title>panelhost</title>" in html
    policy = dict(
        part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == "'self'"
    # only the page's own inline script and style run: their hashes, nothing else
    assert policy["script-src"] == f"'sha256-{sha256(inline('script', html))}'"
    assert policy["style-src"] == f"'sha256-{sha256(inline('style', html))}'"
    assert "unsafe" not in headers["content-security-policy"]
    assert "://" not in inline("script", html)  # no address of anywhere else


async def test_the_page_is_self_contained(hub: Hub) -> None:
    _, _, body = await http(hub, "GET", "/")
    html = body.decode()
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(?!data:)", html)
    assert "@import" not in html and "url(" not in html


async def test_other_paths_are_404_and_keep_the_headers(hub: Hub) -> None:
    for path in ("/index.html", "/favicon.ico", "/ws/x", "/../etc/passwd"):
        status, headers, _ = await http(hub, "GET", path)
        assert status == 404, path
        assert headers["x-content-type-options"] == "nosniff"


async def test_a_query_string_still_gets_the_page(hub: Hub) -> None:
    status, _, body = await http(hub, "GET", "/?utm_source=qr")
    assert status == 200 and b"<!doctype html>" in body


async def test_methods_other_than_get_are_405(hub: Hub) -> None:
    for method in ("POST", "PUT", "DELETE", "HEAD"):
        status, headers, _ = await http(hub, method, "/", "Content-Length: 0\r\n")
        assert status == 405, method
        assert headers["allow"] == "GET"


async def test_a_post_with_a_body_gets_a_closed_connection(hub: Hub) -> None:
    # websockets refuses request bodies while parsing, before the hook can answer
    reader, writer = await asyncio.open_connection("127.0.0.1", hub.port)
    writer.write(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    assert b"200 OK" not in raw


async def test_the_socket_still_upgrades_after_serving_the_page(hub: Hub) -> None:
    from tests.hub.wire import hello

    await http(hub, "GET", "/")
    ws, reply = await hello(
        hub, {"type": "hello", "protocol": 1, "role": "viewer", "code": hub.code}
    )
    assert reply["type"] == "welcome"
    await ws.close()
