"""`panelhost join ADDRESS CODE`: join a session as a participant (TUI, or `--plain` lines)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from panelhost.cli import UsageError
from panelhost.commands.hub_arg import add_hub_arguments, hub_url_and_code

if TYPE_CHECKING:
    from panelhost.client.identity_store import IdentityStore
    from panelhost.client.link import Link
    from panelhost.client.link_events import LinkEvent

HELP = "join a session as a participant: ask questions and vote"
NAME_MAX = 40


def configure(parser: argparse.ArgumentParser) -> None:
    add_hub_arguments(parser)
    parser.add_argument(
        "--name", default=None, help="your name, shown with your questions (asked if missing)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line mode for screen readers, braille displays, dumb terminals and pipes",
    )
    parser.add_argument("--color", action="store_true", help="colour in --plain mode")


def check_name(name: str) -> str:
    """A usable display name, or UsageError saying what to give."""
    name = " ".join(name.split())
    if not name:
        raise UsageError("give a name of 1 to 40 characters with --name NAME")
    if len(name) > NAME_MAX:
        raise UsageError(f"your name is {len(name)} characters; give at most {NAME_MAX}")
    return name


def ask_name() -> str:
    """Ask for a name on the terminal; refuse politely when there is no terminal."""
    if not sys.stdin.isatty():
        raise UsageError("give your name with --name NAME (stdin is not a terminal)")
    while True:
        try:
            answer = input("Your name (shown with your questions): ")
        except EOFError:
            raise UsageError("give your name with --name NAME") from None
        try:
            return check_name(answer)
        except UsageError as exc:
            print(exc, file=sys.stderr)


def remember(link: Link, store: IdentityStore, key: str) -> None:
    """Save the link's name and token at every welcome, so a later join resumes them, and
    my withdrawn questions whenever they change (the wire cannot tell them from dismissed)."""
    from panelhost.client.identity_store import Remembered
    from panelhost.client.link_events import Welcomed

    saved: set[int] = set()

    def on_change(link: Link, event: LinkEvent) -> None:
        withdrawn = link.mirror.my_withdrawn
        if not isinstance(event, Welcomed) and withdrawn == saved:
            return
        if link.token is not None and link.name is not None:
            session = link.mirror.session
            saved.clear()
            saved.update(withdrawn)
            store.save(
                key,
                Remembered(
                    name=link.name,
                    token=link.token,
                    session_id=session.id if session else None,
                    withdrawn=tuple(sorted(withdrawn)),
                ),
            )

    link.add_listener(on_change)


def build_link(args: argparse.Namespace) -> Link:
    """The participant's link, with a remembered identity when there is one."""
    from panelhost.client.identity_choice import Chosen, choose_identity
    from panelhost.client.identity_store import IdentityStore, identity_key
    from panelhost.client.link import Link

    url, code = hub_url_and_code(args)
    store = IdentityStore()
    key = identity_key(url, "participant", code)
    given = check_name(args.name) if args.name is not None else None
    ask = input if sys.stdin.isatty() else None
    chosen = choose_identity(store.load_all(key), given, ask)
    if chosen is None:
        # someone new: their name (the same name as someone remembered is that person)
        name = ask_name()
        known = store.load(key, name)
        chosen = Chosen(name, known.token if known is not None else None)
    if chosen.said:
        print(chosen.said, file=sys.stderr)
    name, token = chosen.name, chosen.token
    link = Link(
        url,
        role="participant",
        code=code,
        name=name,
        token=token,
        insecure=args.insecure,
    )
    known = store.load(key, name)
    if known is not None and token is not None and known.token == token:
        link.mirror.my_withdrawn.update(known.withdrawn)  # the same person comes back
    remember(link, store, key)
    return link


def run(args: argparse.Namespace) -> int:
    import asyncio

    link = build_link(args)
    if args.insecure:
        from panelhost.client.joining import insecure_warning

        print(insecure_warning(link.url), file=sys.stderr)
    if args.plain:
        return _run_plain(link, args.color)
    return asyncio.run(_run_tui(link))


async def _run_tui(link: Link) -> int:
    from panelhost.commands.joined import run_joined
    from panelhost.tui.join import make_join_app

    app = await run_joined(
        link,
        "for pipes, scripts and screen readers use panelhost join --plain",
        lambda: make_join_app(link, start_link=False),
    )
    return app.return_code or 0


def _run_plain(link: Link, color: bool) -> int:
    import asyncio
    import io

    from panelhost.plain import run_plain

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # a dumb terminal or a pipe may not take every character: never crash on one
            stream.reconfigure(errors="backslashreplace", line_buffering=True)
    return asyncio.run(run_plain(link, sys.stdin, sys.stdout, sys.stderr, color))
