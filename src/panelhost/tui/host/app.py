"""The host app: one `Link` with the host role, the host screen, the palette and the keymap."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from functools import partial
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.events import Key
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.sessionfiles import SessionFiles, saved_message
from panelhost.tui.host.bindings import HOST_ACTIONS
from panelhost.tui.host.cohosts import HostScreens
from panelhost.tui.host.controller import HostController
from panelhost.tui.host.dialogs import EndedDialog, QuitDialog
from panelhost.tui.host.options import HostOptions, HostResult, HostStats
from panelhost.tui.host.screen import HostScreen
from panelhost.tui.keys import keys_for
from panelhost.tui.link_bridge import LinkBridge

TEXTUAL_TITLES = {
    "Theme": "app: theme",
    "Keys": "app: keys panel",
    "Maximize": "app: maximize",
    "Minimize": "app: minimize",
    "Screenshot": "app: screenshot",
}
"""Namespaced titles for the commands Textual adds to the palette."""


class HostApp(App[HostResult]):
    """The host's TUI. Build it with `make_host_app`, as the CLI does."""

    CSS_PATH = "host.tcss"
    TITLE = "panelhost"

    def __init__(self, link: Link, options: HostOptions, *, start_link: bool = True) -> None:
        super().__init__()
        self.link = link
        self.options = options
        self.start_link = start_link
        """False when the link already runs (the command joins before the app starts)."""
        self.stats = HostStats()
        self.controller = HostController(link, self._say, self._spawn)
        self._ended_shown = False
        self._stop_demo: Callable[[], Awaitable[None]] | None = None
        self.host_screens = HostScreens()
        if options.keymap:
            self.set_keymap(dict(options.keymap))

    # -- lifecycle -----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[object]:
        return HostScreen(self.controller, self.options, self.stats)

    def _say(self, message: str, severity: SeverityLevel) -> None:
        self.notify(message, markup=False, severity=severity)

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        self.run_worker(work, group="requests")

    def on_mount(self) -> None:
        if self.start_link:
            self.run_worker(self.link.run(), name="link", group="link", exclusive=True)
        if self.options.reattached:
            self.notify(
                self.options.reattach_notice
                or "Re-attached to the session that was already running on this machine.",
                title="re-attached",
                markup=False,
                timeout=15,
            )

    async def on_unmount(self) -> None:
        if self._stop_demo is not None:
            stop, self._stop_demo = self._stop_demo, None
            with contextlib.suppress(Exception):
                await stop()
        await self.link.close()

    # -- the link's news (the host screen's LinkBridge posts it; it bubbles up here) ------

    @on(LinkBridge.Welcomed)
    def _welcomed(self) -> None:
        self._host_screens_heard(self.link.mirror.hosts)
        if self.options.demo is not None and self._stop_demo is None:
            self.run_worker(self._start_demo(), group="demo")

    @on(LinkBridge.Heard)
    def _heard(self, event: LinkBridge.Heard) -> None:
        if isinstance(event.change, p.Presence):
            self._host_screens_heard(event.change.hosts)

    def _host_screens_heard(self, hosts: int | None) -> None:
        if notice := self.host_screens.heard(hosts):
            self.notify(notice, title="host screens", markup=False, timeout=10)

    @on(LinkBridge.Notice)
    def _notice(self, event: LinkBridge.Notice) -> None:
        self.notify(event.error.message, markup=False, title="hub", severity="error")

    async def _start_demo(self) -> None:
        assert self.options.demo is not None
        if self._stop_demo is None:
            self._stop_demo = lambda: asyncio.sleep(0)
            self._stop_demo = await self.options.demo(self.link)

    @on(LinkBridge.Status)
    def _status_changed(self) -> None:
        screen = self.host_screen
        if screen is not None and screen.is_mounted:  # a new screen paints it on mount
            screen.show_status()
        if self.link.status == "ended" and not self._ended_shown:
            self._ended_shown = True
            self.run_worker(self._session_ended(), group="end")
        elif self.link.status in ("refused", "unreachable"):
            self.notify(self.link.reason or "cannot reach the hub", markup=False, severity="error")
        elif self.link.status == "reconnecting" and self.options.hub is not None:
            self.run_worker(self._revive_hub(), group="revive", exclusive=True)

    async def _revive_hub(self) -> None:
        """Our own hub went away (a failed fsync exits it): the command starts it again."""
        if self.options.hub is not None and (news := await self.options.hub.revive()):
            self.notify(news.message, markup=False, title="hub", severity=news.severity, timeout=30)

    async def on_key(self, event: Key) -> None:
        """A key typed ahead of a dialog goes to the dialog (see `HostScreen.typed_ahead`)."""
        host = self.host_screen
        if host is not None and host.typed_ahead(event):
            event.prevent_default()  # App's own lookup would search the dialog's bindings
            event.stop()
            await self.on_event(Key(event.key, event.character))  # as if it came now

    @property
    def host_screen(self) -> HostScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, HostScreen):
                return screen
        return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes one readable notification, never a traceback."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                f"{type(error).__name__}: {error}",
                markup=False,
                title="something failed",
                severity="error",
            )

    # -- quitting and ending -------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q: end the session, or leave it running for re-attach."""
        if self.link.stopped:
            self.exit(HostResult("stopped", self.link.reason or "the link stopped"))
            return
        if isinstance(self.screen, QuitDialog):
            return
        if self.options.leave_stops_hub:
            dialog = QuitDialog("stop the demo (its hub stops too)", "Stop demo")
        else:
            dialog = QuitDialog("leave it running: run panelhost host again to re-attach")
        self.push_screen(dialog, self._quit_chosen)

    def _quit_chosen(self, choice: object) -> None:
        if choice == "end":
            self.run_worker(self.controller.end_session(), group="end")
        elif choice == "leave":
            self.run_worker(self._leave(), group="end")

    async def _leave(self) -> None:
        hub = self.options.hub
        if self.options.leave_stops_hub:  # the demo: a deliberate stop, not a failure
            await self._stop_hub()
            self.exit(HostResult("left", "The demo stopped, and its hub with it."))
            return
        message = "The session is still live"
        if hub is not None:
            message += f" ({hub.session_id}): run panelhost host again to re-attach."
        else:
            message += " on its hub."
        self.exit(HostResult("left", message))

    def transcript_message(self) -> str:
        session = self.link.mirror.session
        session_id = session.id if session is not None else "the session"
        if self.options.sessions_dir is not None:
            return saved_message(SessionFiles(self.options.sessions_dir, session_id).transcript)
        return f"The hub saved the transcript as {session_id}.json in its sessions directory."

    async def _session_ended(self) -> None:
        if self.options.hub is not None:
            await self._stop_hub()
        message = self.transcript_message()
        self.push_screen(EndedDialog(message), lambda _: self.exit(HostResult("ended", message)))

    async def _stop_hub(self) -> None:
        if self.options.hub is not None:
            await self.options.hub.stop()

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, HostScreen):
            for action in HOST_ACTIONS:
                keys = keys_for(action, self.options.keymap)
                yield SystemCommand(
                    action.title,
                    f"{action.help} (key: {keys})",
                    partial(self.call_later, screen.run_action, action.action),
                )
        yield SystemCommand(
            "app: quit",
            "End the session, or leave it running to re-attach (key: ^q)",
            partial(self.call_later, self.action_quit),
        )
        for command in super().get_system_commands(screen):
            # Textual's own "Quit" would duplicate ours; the rest get an `app:` namespace
            if command.title != "Quit":
                yield command._replace(title=TEXTUAL_TITLES.get(command.title, command.title))


def make_host_app(
    url: str,
    key: str,
    *,
    name: str = "host",
    options: HostOptions | None = None,
    link: Link | None = None,
    start_link: bool = True,
) -> HostApp:
    """The host app as the CLI builds it: a host link to `url` with `key`, and options."""
    link = link or Link(url, role="host", key=key, name=name)
    return HostApp(link, options or HostOptions(), start_link=start_link)
