"""Participant text as Markdown that renders exactly as typed, escaping only what would act.

A question like "How do I pay off $300k (with PSLF)?" stays readable in the raw file: only
characters that CommonMark (or GitHub's tables, strikethrough and `$` math) could read as
markup get a backslash, and only where they could.
"""

from __future__ import annotations

import re

from panelhost.transcript.plaintext import plain

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_BLOCK_START = re.compile(
    r"""^(?:
        (?P<heading>\#{1,6})(?:\s|$)          # `## x` a heading
      | (?P<bullet>[-+*])(?:\s|$)             # `- x` a list item
      | \d{1,9}(?P<number>[.)])(?:\s|$)       # `1. x` an ordered list item
      | (?P<quote>>)                          # `> x` a block quote
      | (?P<rule>[-*_])[-*_\s]*$              # `---`, even `--` after `- `: a thematic break
    )""",
    re.VERBOSE,
)
_DEFINITION = re.compile(r"^\[[^\]]*\]:")
"""`[x]: /url` or `[^1]: note` would define a link or a footnote for the whole document."""
_CLOSING_HASHES = re.compile(r"(?:^|\s)(#+)$")
"""`### Is it C# #`: a heading drops a final run of `#`s after a space."""

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_DELIMITERS = frozenset("*_~")
_PAIRED = frozenset("`~$")
"""Characters that act only in pairs: a lone one is always literal."""


def markdown(text: str) -> str:
    """`text` as one line of inert Markdown: it renders as exactly `plain(text)`.

    Safe as a paragraph, a heading, a list item or inside `**...**`.
    """
    text = plain(text)
    escape_at = _block_start(text)
    escape_at |= {m.start() for m in _ENTITY.finditer(text)}
    if _DEFINITION.match(text):
        escape_at.add(0)
    closing = _CLOSING_HASHES.search(text)
    if closing:
        escape_at.add(closing.start(1))
    last_link = text.rfind("](")
    paired = {char for char in _PAIRED if text.count(char) >= 2}
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if index in escape_at or _acts(char, before, after, index < last_link, paired):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _block_start(text: str) -> set[int]:
    """Where a character at the start of a line would open a block: the one to escape."""
    match = _BLOCK_START.match(text)
    if match is None:
        return set()
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return {match.start(group)}


def _acts(char: str, before: str, after: str, link_can_close: bool, paired: set[str]) -> bool:
    """Whether `char` between `before` and `after` ("" at an end) could be read as markup."""
    if char == "\\":
        return after in _ASCII_PUNCTUATION or not after  # an escape, or a line break
    if char == "[":
        # `[x](url)` and `![x](url)` need a `](` after; `[x]` and `[^1]` need a definition,
        # and none can exist: a definition is escaped where it would start; `^[x]` is an
        # inline footnote
        return link_can_close or before == "^"
    if char == "<":
        return after.isascii() and (after.isalpha() or after in "/!?")  # HTML, autolinks
    if char == "`" or char == "$":
        return char in paired  # code spans and math need two
    if char in _DELIMITERS:
        if _blank(before) and _blank(after):
            return False  # `5 * 3`: neither opens nor closes emphasis
        if char == "_" and before.isalnum() and after.isalnum():
            return False  # `snake_case`: an underscore inside a word never acts
        return char != "~" or "~" in paired
    return False


def _blank(char: str) -> bool:
    return not char or char.isspace()
