"""`panelhost replay`: play a session back in the terminal, from a transcript or a session id."""

from __future__ import annotations

import argparse

from panelhost.commands.session_arg import add_session_argument, open_session_argument

HELP = "play a session back: the queue, the timer and the notes as they were at any moment"


def configure(parser: argparse.ArgumentParser) -> None:
    add_session_argument(parser)


def run(args: argparse.Namespace) -> int:
    from panelhost.cli import UsageError, require_terminal
    from panelhost.transcript import TranscriptError
    from panelhost.tui.replay.app import make_replay_app

    opened = open_session_argument(args, "replay")
    try:
        app = make_replay_app(opened.transcript, str(opened.source))
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    require_terminal(f"to read the session without one, use panelhost export {args.session}")
    app.run()
    return 0
