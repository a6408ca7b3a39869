"""The host's own hub, kept by the command layer: stopped at the end, revived when it goes.

The host TUI gets it as a `HubControl` (tui/host/ownhub.py), a pair of callables, so it
never imports `panelhost.embedded` nor waits on a process itself.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from panelhost.embedded import LiveHub, revive_or_explain
from panelhost.tui.host.ownhub import HubControl, HubNews


class KeptHub:
    """The hub process of this session, the one after a revival included."""

    def __init__(self, hub: LiveHub, sessions_dir: Path) -> None:
        self.current = hub
        """The hub now running (a revival starts a new process)."""
        self.sessions_dir = sessions_dir
        self._reviving = False
        self._stopped = False
        """Stopped on purpose (the end, or leaving the demo): never revived after that."""

    def control(self) -> HubControl:
        return HubControl(session_id=self.current.session_id, stop=self.stop, revive=self.revive)

    async def stop(self) -> None:
        self._stopped = True
        await asyncio.to_thread(self.current.stop)

    async def revive(self) -> HubNews | None:
        """Start the hub again from its journal if it died; what to tell the host."""
        if self._reviving or self._stopped:
            return None
        self._reviving = True
        try:
            hub, directory = self.current, self.sessions_dir
            revived, message = await asyncio.to_thread(revive_or_explain, hub, directory)
        finally:
            self._reviving = False
        self.current = revived or self.current
        if message is None:
            return None
        return HubNews(message, "warning" if revived is not None else "error")
