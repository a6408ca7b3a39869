"""Which browser origins may open a socket (PROTOCOL.md, Transport: Origin).

websockets checks the `Origin` header against this list (its `origins=`); None admits
native clients, which send none. Anything else gets HTTP 403 before the upgrade.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable

from websockets.typing import Origin

from panelhost.reachable import interface_addresses
from panelhost.web.link import netloc, origin_of

WILDCARD_BINDS = ("", "0.0.0.0", "::")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def machine_names(bind: str) -> set[str]:
    """The names a browser on the LAN may use for this hub: its bind address, or, bound to
    every interface, loopback, the host name and every interface address that is up."""
    if bind not in WILDCARD_BINDS:
        return {bind, *LOOPBACK_NAMES} if bind in LOOPBACK_NAMES else {bind}
    hostname = socket.gethostname()
    names = {*LOOPBACK_NAMES, hostname, f"{hostname}.local"}
    names.update(interface_addresses({4, 6}))
    return names


def allowed_origins(
    *,
    secure: bool,
    port: int,
    hosts: Iterable[str],
    public_url: str | None = None,
    extra: Iterable[str] = (),
) -> list[Origin | None]:
    """The hub's own origins (each host at this port), the public URL's, and the operator's."""
    scheme = "https" if secure else "http"
    own = sorted({f"{scheme}://{netloc(host.lower(), port, scheme)}" for host in hosts})
    if public_url:
        own.append(origin_of(public_url))
    own += [origin_of(origin) for origin in extra]
    return [None, *(Origin(origin) for origin in own)]
