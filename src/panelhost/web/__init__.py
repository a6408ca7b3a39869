"""The participant page the hub serves at `GET /`: one HTML document with its CSS and JS inline.

The files beside this module are package data, read once and assembled in memory; the
Content-Security-Policy allows exactly the inline style and script by their hashes, and
WebSocket connections to the page's own origin.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from importlib import resources

SCRIPTS = ("rules.js", "offers.js", "page.js")
"""Joined in this order into the page's one script: the pure rules, the offers, the page."""


@dataclass(frozen=True, slots=True)
class Page:
    """The page as served: its bytes and the headers that must go with them."""

    html: bytes
    content_security_policy: str


def _source(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def page() -> Page:
    """The assembled page (built once per process)."""
    style = _source("page.css")
    script = "\n".join(_source(name) for name in SCRIPTS)
    html = _source("index.html").replace("{{style}}", style).replace("{{script}}", script)
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(script)}",
            f"style-src {_sha256(style)}",
            "connect-src 'self'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return Page(html=html.encode("utf-8"), content_security_policy=policy)
