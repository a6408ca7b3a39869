"""The embedded hub and the projector as the host app uses them: callables the commands give.

The TUI never imports `panelhost.embedded` or starts processes itself (an import contract
in pyproject.toml says so): `panelhost host` and `panelhost demo` keep the hub's lifecycle
(`commands/hub_control.py`) and hand the app these, which say what happened in one sentence.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from panelhost.tui.screen.launch import Launched


@dataclass(frozen=True, slots=True)
class HubNews:
    """One sentence for the host about their hub, and how it reads."""

    message: str
    severity: Literal["information", "warning", "error"] = "information"


@dataclass(frozen=True, slots=True)
class HubControl:
    """The hub process this app started or re-attached to: stop it, or start it again."""

    session_id: str
    stop: Callable[[], Awaitable[None]]
    """Stop the hub (it writes its transcript) and wait for it to exit."""
    revive: Callable[[], Awaitable[HubNews | None]]
    """The hub went away: start it again from its journal; None when there is nothing to
    say (it still runs, or a revival is already under way)."""


Projector = Callable[[], "Launched"]
"""Opens the projector view for this session (a tmux or terminal window, or says how)."""
