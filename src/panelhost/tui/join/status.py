"""The participant's status line: the connection, who you are, what waits, the last reply."""

from __future__ import annotations

from rich.text import Text

from panelhost.client.link import Link
from panelhost.client.text import printable
from panelhost.core.early import BEFORE_PANEL_WORDS, OPEN_FOR_QUESTIONS

LINK_WORDS = {
    "connecting": "connecting…",
    "connected": "connected",
    "reconnecting": "reconnecting…",
}

ENDED_WORDS = (
    "The session has ended: no more questions or votes. The host keeps the notes "
    "(the session's transcript): ask them for a copy."
)
"""Where the ask box was, once the host ends the session."""


def status_line(link: Link, message: str) -> Text:
    """`connected · 23 online · you: Ana · sent: Q12 is in the queue`, as plain Text."""
    words = LINK_WORDS.get(link.status, link.reason or link.status)
    mirror = link.mirror
    if link.connected:
        words += f" · {mirror.participants} online"
        if mirror.you is not None:
            words += f" · you: {printable(mirror.you.name)}"
        if mirror.session is not None and mirror.session.status == OPEN_FOR_QUESTIONS:
            words += f" · {BEFORE_PANEL_WORDS}"
    if link.queued_asks:
        plural = "s" if link.queued_asks > 1 else ""
        words += f" · {link.queued_asks} question{plural} waiting to be sent"
    line = Text(words)
    if message and not link.stopped:
        line.append(" · ")
        line.append(message)
    return line
