"""The host screen's top lines, as plain functions: the title, the status, the join line,
and the banner for a lost, refused or ended connection."""

from __future__ import annotations

from rich.text import Text

from panelhost.client.link import Link
from panelhost.client.text import printable
from panelhost.core.clock import parse_rfc3339
from panelhost.core.durations import elapsed
from panelhost.tui.host.cohosts import host_screens_words
from panelhost.tui.host.joinline import join_text
from panelhost.tui.host.navigation import NARROW_COLUMNS
from panelhost.tui.host.options import HostOptions

SESSION_WORDS = {"open_for_questions": "open for questions (L: go live)", "ended": "ended"}
"""The header's word for the session's status; anything else reads as live."""

STATUS_WORDS = {
    "connecting": "connecting…",
    "connected": "connected",
    "reconnecting": "reconnecting…",
    "ended": "session ended",
    "refused": "refused",
    "replaced": "replaced",
    "unreachable": "unreachable",
    "closed": "closed",
}

Header = tuple[Text, Text, Text]
"""The title, the status at its right, and the join line under them."""


def header_texts(link: Link, options: HostOptions, now_wall: int, width: int) -> Header:
    """The lines over the lists, for a screen `width` columns wide."""
    mirror = link.mirror
    narrow = width < NARROW_COLUMNS
    session = mirror.session
    title = Text("panelhost", style="bold")
    if session is not None:
        if narrow:  # the session's title needs the room
            title = Text(printable(session.title), style="bold")
        else:
            title.append(" · ")
            title.append(printable(session.title))
    status = Text()
    if session is not None:
        started = parse_rfc3339(session.started_at)
        end = parse_rfc3339(session.ended_at) if session.ended_at else now_wall
        status.append(SESSION_WORDS.get(session.status, "live") + " ")
        status.append(elapsed(end - started))
        status.append(f" · {mirror.participants} online")
        # follow-ups come in quietly (only hosts see them): the count says to look with U
        asked = sum(not f.withdrawn for f in mirror.follow_ups.values())
        if asked:
            status.append(f" · {asked} follow-up{'s' if asked > 1 else ''} (U)", style="bold")
        host_screens = host_screens_words(mirror.hosts)
        if host_screens is not None:
            status.append(f" · {host_screens}", style="bold")
    status.append(" · hub: ")
    status.append(
        STATUS_WORDS.get(link.status, link.status),
        style="bold" if link.status == "connected" else "bold red",
    )
    join = join_text(options.join_link, options.join_command, options.join_aside, width - 2)
    return title, status, join


def banner_words(link: Link) -> str | None:
    """What the banner says for the link's status; None: no banner."""
    words = {
        "reconnecting": "Connection to the hub lost: reconnecting… "
        "(the room keeps going while the hub runs)",
        "refused": f"The hub refused this host: {link.reason}",
        "unreachable": f"Cannot reach the hub: {link.reason}",
        "ended": "The session has ended.",
        "replaced": f"{link.reason}",
    }
    return words.get(link.status)
