"""The host app: one `Link` with the host role, the host screen, the palette and the keymap."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from panelhost.client.link import Link
from panelhost.sessionfiles import SessionFiles, saved_message
from panelhost.tui.host.bindings import HOST_ACTIONS
from panelhost.tui.host.cohosts import HostScreens
from panelhost.tui.host.dialogs import EndedDialog, QuitDialog
from panelhost.tui.host.ownhub import OwnHub
from panelhost.tui.host.screen import HostScreen
from panelhost.tui.keys import keys_for

TEXTUAL_TITLES = {
    "Theme": "app: theme",
    "Keys": "app: keys panel",
    "Maximize": "app: maximize",
    "Minimize": "app: minimize",
    "Screenshot": "app: screenshot",
}
"""Namespaced titles for the commands Textual adds to the palette."""


@dataclass(frozen=True, slots=True)
class HostClock:
    """The clocks the screen reads; tests freeze them for deterministic screenshots."""

    monotonic: Callable[[], float] = time.monotonic
    """Seconds, for the local countdown of the timer and speaking time."""
    wall_ms: Callable[[], int] = lambda: int(time.time() * 1000)
    """Milliseconds since the epoch, for the session's elapsed time and question ages."""


@dataclass(slots=True)
class HostOptions:
    """Everything the host app shows or does besides the link itself."""

    join_command: str | None = None
    """The command participants run, shown under the title."""
    join_aside: str | None = None
    """Beside it: this machine's other addresses, or why only this machine can join."""
    join_link: str | None = None
    """The page's join link for browsers (shown first; `w` shows its QR code)."""
    hub: OwnHub | None = None
    """The embedded hub this app started or re-attached to (stopped after `end`)."""
    sessions_dir: Path | None = None
    """Where the hub writes its transcript, when it is on this machine."""
    reattached: bool = False
    """The session was already live: say so on start."""
    reattach_notice: str | None = None
    """What to say then (which session, which options it did not take)."""
    bell: bool = True
    """Ring the terminal bell when a running timer reaches zero."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys, from the config file's `[keymap]` table."""
    config_hint: str = "config.toml"
    """Where the config file is, for the help screen."""
    clock: HostClock = field(default_factory=HostClock)
    demo: Callable[[Link], Awaitable[Callable[[], Awaitable[None]]]] | None = None
    """For `panelhost demo`: starts the simulated room once connected; returns its stop."""
    leave_stops_hub: bool = False
    """Quitting stops the hub too (the demo: nothing to re-attach to)."""


@dataclass(frozen=True, slots=True)
class HostResult:
    """How the app ended, for the command to print one line about it."""

    outcome: Literal["ended", "left", "stopped"]
    """`stopped`: the link gave up (refused, unreachable); the command exits 1."""
    message: str


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
        self.bell_on = options.bell
        """The bell at zero; `b` toggles it."""
        self.repaints = 0
        """Flushes that changed a question list: at most 10 a second, for the benchmark."""
        self.flushes = 0
        """Every run of the repaint timer (10 a second)."""
        self.bells = 0
        """How many times the bell rang (a timer reached zero with the bell on)."""
        self._ended_shown = False
        self._reviving = False
        self._stop_demo: Callable[[], Awaitable[None]] | None = None
        self.host_screens = HostScreens()
        if options.keymap:
            self.set_keymap(dict(options.keymap))

    # -- lifecycle -----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[object]:
        return HostScreen()

    def on_mount(self) -> None:
        self.link.add_listener(self._heard)
        if self.start_link:
            self.run_worker(self.link.run(), name="link", group="link", exclusive=True)
        elif self.link.welcomes:  # the welcome came before the app started
            self._heard(self.link, "welcome")
        if self.options.reattached:
            self.notify(
                self.options.reattach_notice
                or "Re-attached to the session that was already running on this machine.",
                title="re-attached",
                markup=False,
                timeout=15,
            )

    async def on_unmount(self) -> None:
        self.link.remove_listener(self._heard)
        if self._stop_demo is not None:
            stop, self._stop_demo = self._stop_demo, None
            with contextlib.suppress(Exception):
                await stop()
        await self.link.close()

    def _heard(self, link: Link, what: str) -> None:
        """Called by the link after each change: cheap, the screen repaints on its timer."""
        if what in ("welcome", "change") and (notice := self.host_screens.heard(link.mirror.hosts)):
            self.notify(notice, title="host screens", markup=False, timeout=10)
        if what == "status":
            self.call_later(self._status_changed)
        elif what == "notice" and link.notice is not None:
            self.notify(link.notice.message, markup=False, title="hub", severity="error")
        elif what == "welcome" and self.options.demo is not None and self._stop_demo is None:
            self.run_worker(self._start_demo(), group="demo")

    async def _start_demo(self) -> None:
        assert self.options.demo is not None
        if self._stop_demo is None:
            self._stop_demo = lambda: asyncio.sleep(0)
            self._stop_demo = await self.options.demo(self.link)

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
        """Our own hub went away (a failed fsync exits it): start it again from its journal."""
        hub, directory = self.options.hub, self.options.sessions_dir
        if hub is None or directory is None or self._reviving:
            return
        self._reviving = True
        try:
            revived, message = await asyncio.to_thread(hub.revive_or_explain, directory)
        finally:
            self._reviving = False
        self.options.hub = revived or hub
        if message is not None:
            self.notify(
                message,
                markup=False,
                title="hub",
                severity="warning" if revived is not None else "error",
                timeout=30,
            )

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
            self.run_worker(self.end_session(), group="end")
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

    async def end_session(self) -> bool:
        """Send `end`; the hub's `session ended` then shows where the transcript is."""
        from panelhost import protocol as p

        answer = await self.link.request(p.End())
        if isinstance(answer, p.Error):
            self.notify(
                f"Could not end the session: {answer.message}", markup=False, severity="error"
            )
            return False
        return True

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
        hub = self.options.hub
        if hub is not None:
            await asyncio.to_thread(hub.stop)

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
