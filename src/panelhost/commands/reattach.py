"""`panelhost host` when a session is already live: say so, ask, and name what is ignored.

Asked on the terminal before Textual takes it, so a second session never starts silently
and a re-attach never drops `--title` or `--port` without a word.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from panelhost.cli import UsageError

if TYPE_CHECKING:
    from panelhost.embedded import LiveHub

SHAPES_A_NEW_HUB: tuple[tuple[str, str], ...] = (
    ("title", "--title"),
    ("panelist", "--panelist"),
    ("moderation", "--moderation"),
    ("port", "--port"),
    ("bind", "--bind"),
    ("public_address", "--public-address"),
)
"""Options that only a new hub takes: a live one keeps its own."""


def ignored_options(
    args: argparse.Namespace, configure: Callable[[argparse.ArgumentParser], None]
) -> list[str]:
    """The new-hub options given on this command line: those that differ from the defaults
    of the parser `configure` builds (the command's own, so the defaults live in one place)."""
    parser = argparse.ArgumentParser(add_help=False)
    configure(parser)
    return [
        option
        for name, option in SHAPES_A_NEW_HUB
        if getattr(args, name, None) != parser.get_default(name)
    ]


def describe(hub: LiveHub) -> str:
    """One line about a live session: its id, where it is, and its join line."""
    from panelhost.reachable import join_command

    where = f" in {hub.sessions_dir}" if hub.sessions_dir is not None else ""
    return f"{hub.session_id}{where}  ({join_command(hub.join.best, hub.code)})"


def choose(
    live: Sequence[LiveHub], stdin: TextIO = sys.stdin, out: TextIO = sys.stderr
) -> LiveHub | None:
    """Ask which live session to attach to; None starts a new one.

    Without an answer to read (stdin at its end), refuse in one line rather than guess.
    """
    if len(live) == 1:
        out.write(f"A session is live on this machine: {describe(live[0])}\n")
        question = "Attach to it (a), or start a new session (n)? [a] "
        choices = {"": 0, "a": 0, "attach": 0}
        hint = "type a to attach, or n for a new session"
    else:
        out.write(f"{len(live)} sessions are live on this machine:\n")
        for number, hub in enumerate(live, 1):
            out.write(f"  {number}  {describe(hub)}\n")
        question = f"Attach to one (1-{len(live)}), or start a new session (n)? [1] "
        choices = {"": 0} | {str(n): n - 1 for n in range(1, len(live) + 1)}
        hint = f"type a number from 1 to {len(live)}, or n for a new session"
    while True:
        out.write(question)
        out.flush()
        answer = stdin.readline()
        if not answer:
            out.write("\n")
            raise UsageError(
                "a session is live; answer the question, or give --new (a new session) "
                "or --resume SESSION_ID (that one)"
            )
        answer = answer.strip().lower()
        if answer in ("n", "new"):
            return None
        if answer in choices:
            return live[choices[answer]]
        out.write(f"{answer!r}: {hint}\n")


def reattach_notice(hub: LiveHub, ignored: Sequence[str]) -> str:
    """What `host` says on re-attaching, naming the options the live session did not take."""
    line = f"Re-attached to the live session {hub.session_id}"
    if hub.sessions_dir is not None:
        line += f" (in {hub.sessions_dir})"
    if ignored:
        line += (
            f"; ignored {', '.join(ignored)}: the live session keeps its own "
            "(change them in the host screen, or start a new session with --new)"
        )
    return line
