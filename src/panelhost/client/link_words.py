"""What the link says: why it stopped, why a connection failed, its own error answers."""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlsplit, urlunsplit

from websockets.exceptions import InvalidMessage, InvalidStatus, InvalidURI

from panelhost import protocol as p

ENDED_SENTENCE = "the session has ended"
REPLACED_SENTENCE = "this connection was replaced: you joined again from another terminal or window"

PLAIN_REPLY_TO_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG")
"""OpenSSL's reasons when what came back to a TLS hello was not TLS (say, HTTP)."""


def local_error(code: p.ErrorCode, message: str, ref: str | int | None = None) -> p.Error:
    """An error made by the client itself (never sent by the hub), in the hub's form."""
    return p.Error(ref=ref, code=code, message=message)


def describe_connect_error(exc: BaseException, url: str) -> str:
    """One sentence for a failed connection attempt, saying what to check."""
    parts = urlsplit(url)
    where = parts.netloc or url
    if isinstance(exc, InvalidStatus):
        status = exc.response.status_code
        return f"{where} answered HTTP {status}: it is not a panelhost hub at {parts.path or '/'}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"cannot verify the certificate of {where} ({exc.verify_message}); "
            "use --insecure only if you trust this network"
        )
    secure = parts.scheme.lower() == "wss"
    other = urlunsplit(("ws" if secure else "wss", *parts[1:]))
    not_tls = isinstance(exc, ssl.SSLError) and exc.reason in PLAIN_REPLY_TO_TLS
    if secure and (isinstance(exc, ConnectionResetError) or not_tls):
        # a hub without TLS reads the TLS hello as a bad HTTP request and hangs up
        return f"{where} does not speak TLS (wss://); it looks like a plain hub: try {other}"
    if not secure and isinstance(exc, InvalidMessage):
        # a TLS hub waits for a TLS hello and drops a plain HTTP request
        return f"{where} did not answer plain ws://; it looks like a TLS hub: try {other}"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection to {where} failed ({exc.reason}); check ws:// or wss://"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {parts.hostname}; check the address"
    if isinstance(exc, ConnectionRefusedError):
        return f"nothing is listening at {where}; check the address and that the hub is running"
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer in time; check the address and your network"
    if isinstance(exc, OSError):
        return f"cannot reach {where} ({exc.strerror or exc}); check the address"
    if isinstance(exc, InvalidURI):
        return f"{url} is not a valid hub address"
    return f"{where} did not answer as a panelhost hub ({exc}); check the address"
