"""The join link a browser opens (`http://ADDRESS:PORT/#CODE`, or the public URL's) and the
socket URL a terminal joins, from the same address every screen shows."""

from __future__ import annotations

from urllib.parse import urlsplit

from panelhost.client.address import HubAddress

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


class PublicUrlError(ValueError):
    """A `--public-url` that cannot serve as a link; the message says what to give."""


def netloc(host: str, port: int, scheme: str) -> str:
    """`host:port`, brackets around IPv6, no port where it is the scheme's default."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return shown if DEFAULT_PORTS.get(scheme) == port else f"{shown}:{port}"


def check_public_url(text: str, option: str = "--public-url") -> str:
    """`https://panel.example.org` as given, without a trailing slash; raises PublicUrlError."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 (reading it validates it)
    except ValueError as exc:
        raise PublicUrlError(f"{option} {text!r}: not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublicUrlError(
            f"{option} {text!r}: give the address students open, like https://panel.example.org"
        )
    if parts.query or parts.fragment or parts.username:
        raise PublicUrlError(f"{option} {text!r}: leave out ?query, #fragment and user names")
    return text.strip().rstrip("/")


def page_link(hub: HubAddress, code: str) -> str:
    """The link students open for the hub at `hub` (a join address): the page beside its
    socket, with the code in the fragment (never in a log). `ws://192.168.1.20:8765/ws`
    -> `http://192.168.1.20:8765/#K7Q-2M9`; `wss://x.example.org/panel/ws` ->
    `https://x.example.org/panel/#K7Q-2M9`."""
    scheme = "https" if hub.secure else "http"
    base = hub.path.split("?", 1)[0].removesuffix("/").removesuffix("/ws")
    return f"{scheme}://{netloc(hub.host, hub.port, scheme)}{base}/#{code.strip().upper()}"


def public_socket_url(public_url: str) -> str:
    """The terminal's address behind the proxy: `https://x/panel` -> `wss://x/panel/ws`."""
    parts = urlsplit(public_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/ws"


def origin_of(url: str) -> str:
    """The origin a browser sends for pages under `url`: scheme, lower-case host, port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    return f"{scheme}://{netloc((parts.hostname or '').lower(), port, scheme)}"
