"""Where a hub is: `HOST[:PORT]` or a `ws://` / `wss://` URL, parsed into one URL."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORT = 8765
DEFAULT_PATH = "/ws"

_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"^{_LABEL}(\.{_LABEL})*\.?$")


class AddressError(ValueError):
    """The address cannot be understood; the message is one line saying what to give."""


@dataclass(frozen=True, slots=True)
class HubAddress:
    """A hub's WebSocket endpoint."""

    host: str
    port: int
    secure: bool = False
    path: str = DEFAULT_PATH

    @property
    def url(self) -> str:
        scheme = "wss" if self.secure else "ws"
        return f"{scheme}://{self.netloc}{self.path}"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def __str__(self) -> str:
        """`HOST:PORT` where that says it all, else the URL (without the scheme's own port)."""
        if not self.secure and self.path == DEFAULT_PATH:
            return self.netloc
        if self.port == (443 if self.secure else 80):
            host = f"[{self.host}]" if ":" in self.host else self.host
            scheme = "wss" if self.secure else "ws"
            return f"{scheme}://{host}{self.path}"
        return self.url


def parse_address(text: str) -> HubAddress:
    """`"192.168.1.20"`, `"hub.example:9000"`, `"[::1]:8765"` or `"wss://hub/ws"`.

    Raises AddressError with a one-line message for anything else.
    """
    text = text.strip()
    if not text:
        raise AddressError("give the hub's address, like 192.168.1.20:8765")
    if "://" in text:
        return _parse_url(text)
    return _parse_host_port(text, text)


def _parse_url(text: str) -> HubAddress:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise AddressError(f"{text!r} is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("ws", "wss"):
        raise AddressError(f"{text!r}: use a ws:// or wss:// URL, or HOST:PORT")
    host = parts.hostname or ""
    if not host:
        raise AddressError(f"{text!r} has no host name")
    _check_host(host, text)
    if parts.username or parts.password:
        raise AddressError(f"{text!r}: leave out the user name and password")
    path = parts.path or DEFAULT_PATH
    if parts.query:
        path += "?" + parts.query
    # a URL without a port means what URLs always mean (a proxy on 80 or 443)
    default = 443 if scheme == "wss" else 80
    return HubAddress(host=host, port=port or default, secure=scheme == "wss", path=path)


def _parse_host_port(hostport: str, original: str) -> HubAddress:
    if hostport.startswith("["):
        host, sep, rest = hostport[1:].partition("]")
        if not sep:
            raise AddressError(f"{original!r}: an IPv6 address needs a closing ]")
        if rest and not rest.startswith(":"):
            raise AddressError(f"{original!r}: put the port after a colon, like [::1]:8765")
        port_text = rest[1:] if rest else ""
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise AddressError(f"{original!r}: {host!r} is not an IPv6 address") from None
    elif hostport.count(":") > 1:
        raise AddressError(f"{original!r}: write an IPv6 address in brackets, like [::1]:8765")
    else:
        host, _, port_text = hostport.partition(":")
        if "/" in hostport:
            raise AddressError(f"{original!r}: give HOST:PORT, or a full ws:// URL with a path")
        _check_host(host, original)
    port = DEFAULT_PORT
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise AddressError(f"{original!r}: the port must be a number from 1 to 65535")
        port = int(port_text)
    return HubAddress(host=host, port=port)


def _check_host(host: str, original: str) -> None:
    if not host:
        raise AddressError(f"{original!r} has no host name")
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    if not _HOSTNAME.match(host) or len(host) > 253:
        raise AddressError(f"{original!r}: {host!r} is not a host name or IP address")
