"""Plain HTTP on the hub's port, before any upgrade: `GET /` is the page, `/ws` the socket."""

from __future__ import annotations

import dataclasses
from http import HTTPStatus

from websockets.asyncio.server import ServerConnection
from websockets.http11 import Request, Response

from panelhost.web import page

SOCKET_PATH = "/ws"
PAGE_PATH = "/"

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-cache"),
)
"""Sent with every answer; the page also gets its Content-Security-Policy."""


def answer(connection: ServerConnection, request: Request) -> Response | None:
    """The page, a 404 or a 405; None when the request is the socket's upgrade."""
    path = request.path.split("?", 1)[0]
    if request.method != "GET":
        response = connection.respond(
            HTTPStatus.METHOD_NOT_ALLOWED, "Only GET: open / in a browser\n"
        )
        response.headers["Allow"] = "GET"
    elif path == SOCKET_PATH:
        return None
    elif path == PAGE_PATH:
        response = page_response(connection)
    else:
        response = connection.respond(
            HTTPStatus.NOT_FOUND, "Not found: panelhost serves / (the page) and /ws\n"
        )
    for name, value in SECURITY_HEADERS:
        response.headers[name] = value
    return response


def page_response(connection: ServerConnection) -> Response:
    """`GET /`: the participant page from memory, with its policy."""
    served = page()
    response = connection.respond(HTTPStatus.OK, "")
    del response.headers["Content-Type"]
    del response.headers["Content-Length"]
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Content-Length"] = str(len(served.html))
    response.headers["Content-Security-Policy"] = served.content_security_policy
    return dataclasses.replace(response, body=served.html)
