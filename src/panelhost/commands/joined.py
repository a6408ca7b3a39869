"""Join first, then run the app: how `panelhost join`, `host` and `screen` start a TUI.

The link joins before the app takes the terminal, so a refusal or an unreachable hub is
one plain line (UsageError, exit 2), never a full-screen app that flashes and vanishes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from panelhost.cli import UsageError, require_terminal

if TYPE_CHECKING:
    from textual.app import App

    from panelhost.client.link import Link

AppT = TypeVar("AppT", bound="App[Any]")


async def run_joined(link: Link, no_terminal: str, make_app: Callable[[], AppT]) -> AppT:
    """Join with `link`, then run the app `make_app` builds (over the running link) to
    its end and return it; `no_terminal` says what to do when there is no terminal."""
    from panelhost.client.joining import JoinFailed, join_first, stop_link

    try:
        task = await join_first(link)
    except JoinFailed as exc:
        raise UsageError(str(exc)) from None
    try:
        require_terminal(no_terminal)
    except UsageError:
        await stop_link(link, task)
        raise
    app = make_app()
    try:
        await app.run_async()
    finally:
        await stop_link(link, task)
    return app
