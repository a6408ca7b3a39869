"""Old events made current: journals and transcripts are public formats, read for years.

A session says its event schema in its first event (`session_created.schema`); one that
does not is schema 1. A reader decodes an older session's events as plain JSON, runs each
through the steps from its schema up to `EVENT_SCHEMA`, then converts it to the typed
event, so the rest of panelhost only ever sees events of today's shape. A session of a
newer schema than this panelhost knows is refused, never half-read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from panelhost.core.events import EVENT_SCHEMA

Raw = dict[str, Any]


def _from_1(event: Raw) -> Raw:
    """1 -> 2: `session_created` is stamped; `timer_reset` always says `to_nobody`
    (journals before protocol revision 2 never set it: it was false)."""
    kind = event.get("type")
    if kind == "session_created":
        return {**event, "schema": 2}
    if kind == "timer_reset":
        return {"to_nobody": False, **event}
    return event


STEPS: dict[int, Callable[[Raw], Raw]] = {1: _from_1}
"""`STEPS[n]` turns an event of schema n into one of schema n + 1."""


class _Stamp(msgspec.Struct):
    type: str = ""
    schema: int = 1


_stamp_decoder = msgspec.json.Decoder(_Stamp)


def schema_of(first_event: bytes) -> int:
    """The schema a session's first event (its JSON) says; 1 when it says none."""
    try:
        stamp = _stamp_decoder.decode(first_event)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return 1  # not readable: the reader reports that line as it would any other
    return stamp.schema if stamp.type == "session_created" else 1


def too_new(schema: int) -> str | None:
    """Why a session of `schema` cannot be read here, or None when it can."""
    if schema > EVENT_SCHEMA:
        return (
            f"it was written by a newer panelhost (event schema {schema}; this one reads up "
            f"to {EVENT_SCHEMA}): upgrade panelhost to read it"
        )
    return None


def upcast(event: Any, schema: int) -> Any:
    """`event` (decoded JSON) of `schema`, as it reads in `EVENT_SCHEMA`."""
    for version in range(schema, EVENT_SCHEMA):
        if isinstance(event, dict):
            event = STEPS[version](event)
    return event
