"""Words every client shows: hub text made printable, times, the timer's state in words."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.core.durations import countdown

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Hub text with control and bidi characters shown as escapes, never acted on.

    The hub already removes them; this keeps a client safe from any other hub.
    """
    return _UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def inert(value: Any) -> Any:
    """Every string in a decoded hub message made printable (in place where it can be).

    The link calls it on every frame it decodes, so no hub, however hostile, gets an escape
    sequence or a bidi override to a terminal: errors, notices, names, questions alike.
    """
    if isinstance(value, str):
        return printable(value) if _UNPRINTABLE.search(value) else value
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            field = getattr(value, name)
            if not isinstance(field, int | float | bool | None):
                cleaned = inert(field)
                if cleaned is not field:
                    setattr(value, name, cleaned)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            cleaned = inert(item)
            if cleaned is not item:
                value[index] = cleaned
    elif isinstance(value, dict):
        if any(isinstance(key, str) and _UNPRINTABLE.search(key) for key in value):
            return {inert(key): inert(item) for key, item in value.items()}
        for key, item in value.items():
            cleaned = inert(item)
            if cleaned is not item:
                value[key] = cleaned
    return value


def clock(ms: int) -> str:
    """`83_000` -> `"1:23"`; whole seconds, rounded up while counting down."""
    return countdown(abs(ms))


def timer_words(mirror: Mirror, now: float, spoken: bool = False) -> str:
    """The timer in words (`core.timer_reading`), or "" while it is idle.

    `spoken` reads better aloud: "2 minutes left", "over time by 42 seconds".
    """
    reading = mirror.reading(now)
    if reading.phase == "idle":
        return ""
    return reading.spoken if spoken else reading.words


def timer_phase(mirror: Mirror, now: float) -> str:
    """`idle`, `running`, `wrap-up` or `overtime`, for styling (always shown with words too)."""
    phase = mirror.reading(now).phase
    return "wrap-up" if phase == "wrapup" else phase


def as_sentence(text: str) -> str:
    """A hub message as a sentence: `"rate limited: wait 4 s"` -> `"Rate limited: wait 4 s."`."""
    text = printable(text.strip())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


ADVICE: dict[str, str] = {
    "too_long": "shorten it and send it again",
    "not_found": "check its number in the list",
}
"""What to do, for the hub's errors whose message says only what went wrong."""


def error_words(error: p.Error) -> str:
    """A hub error with what to do: `"question is 400 characters; the limit is 300; shorten
    it and send it again"`. Messages that already say what to do are kept as they are."""
    message = error.message.strip()
    advice = ADVICE.get(error.code)
    # "shorten it to 500" says it already: the advice's verb (its first words) is enough
    says_it = advice is not None and advice.split(" and ")[0] in message
    return f"{message}; {advice}" if advice and not says_it else message


def author_words(author: str | None) -> str:
    return "anonymous" if author is None else printable(author)


STATUS_WORDS = {
    "pending": "awaiting approval",
    "open": "open",
    "answering": "being answered",
    "answered": "answered",
    "dismissed": "dismissed",
}
"""Question statuses as a participant reads them."""
