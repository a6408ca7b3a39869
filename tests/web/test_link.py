"""The join link and the public URL: what `panelhost serve` prints and refuses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from panelhost.client.address import parse_address
from panelhost.web.link import (
    PublicUrlError,
    check_public_url,
    origin_of,
    page_link,
    public_socket_url,
)
from tests.processes import serve_command, start_serve


def test_the_code_sits_in_the_fragment() -> None:
    def link(address: str) -> str:
        return page_link(parse_address(address), "k7q-2m9")

    assert link("192.168.1.20:8765") == "http://192.168.1.20:8765/#K7Q-2M9"
    assert link("[fd00::5]:8765") == "http://[fd00::5]:8765/#K7Q-2M9"
    assert link("wss://hub.lan/ws") == "https://hub.lan/#K7Q-2M9"
    assert link("wss://p.example.org:8443/panel/ws") == "https://p.example.org:8443/panel/#K7Q-2M9"
    assert link("ws://p.example.org/ws") == "http://p.example.org/#K7Q-2M9"


def test_the_public_url_and_its_join_line_give_back_the_same_link() -> None:
    for public in ("https://panel.example.org", "https://x.example.org:8443/panel"):
        assert page_link(parse_address(public_socket_url(public)), "K7Q") == f"{public}/#K7Q"


def test_a_public_url_gives_the_terminal_line_and_the_origin() -> None:
    assert public_socket_url("https://panel.example.org") == "wss://panel.example.org/ws"
    assert public_socket_url("https://x.example.org/panel") == "wss://x.example.org/panel/ws"
    assert public_socket_url("http://x.example.org:8080") == "ws://x.example.org:8080/ws"
    assert origin_of("https://Panel.Example.org:443/panel") == "https://panel.example.org"
    assert origin_of("http://x.example.org:8080/") == "http://x.example.org:8080"


@pytest.mark.parametrize(
    "text",
    [
        "panel.example.org",
        "ftp://panel.example.org",
        "https://",
        "https://x:99999",
        "https://x/?a=1",
    ],
)
def test_a_bad_public_url_says_what_to_give(text: str) -> None:
    with pytest.raises(PublicUrlError, match="--public-url"):
        check_public_url(text)


def test_serve_prints_the_public_link_and_join_line(tmp_path: Path) -> None:
    serve = start_serve(tmp_path, "--public-url", "https://panel.example.org/")
    try:
        assert serve.join == f"panelhost join wss://panel.example.org/ws {serve.code}"
        assert serve.page == f"https://panel.example.org/#{serve.code}"
    finally:
        serve.terminate()


def test_serve_prints_the_page_link_on_its_own_port(tmp_path: Path) -> None:
    serve = start_serve(tmp_path)
    try:
        assert serve.page == f"http://127.0.0.1:{serve.port}/#{serve.code}"
    finally:
        serve.terminate()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--public-url", "panel.example.org"),
        ("--trusted-proxy", "nginx"),
        ("--allowed-origin", "x"),
    ],
)
def test_bad_proxy_options_are_one_line(tmp_path: Path, option: str, value: str) -> None:
    result = subprocess.run(
        serve_command(tmp_path, option, value),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and option in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.journal*"))  # refused before any session was made
