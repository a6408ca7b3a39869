"""The host's join line, laid out to the screen's width: every part whole, never cut.

The room copies it letter by letter, so a part that does not fit on the line moves to the
next one as a whole, rather than being cut at the edge or broken inside an address.
"""

from __future__ import annotations

from rich.text import Text

INDENT = "      "
"""Continuation lines start under the link, after `Join: `."""


def join_text(link: str | None, command: str | None, aside: str | None, width: int) -> Text:
    """`Join: LINK (w: QR code) · COMMAND  (ASIDE)`, on as many lines as `width` needs."""
    parts: list[tuple[str, str]] = []
    if link:
        parts.append((f"{link} (w: QR code)", ""))
    parts.append((command or "ask the hub's operator for the address and code", ""))
    if aside:
        parts.append((f"({aside})", "dim"))
    text = Text("Join: ", style="bold")
    column = len("Join: ")
    for index, (words, style) in enumerate(parts):
        gap = "" if index == 0 else (" · " if style == "" else "  ")
        if index and column + len(gap) + len(words) > width:
            text.append("\n" + INDENT)
            column, gap = len(INDENT), ""
        text.append(gap)
        text.append(words, style=style)
        column += len(gap) + len(words)
    return text
