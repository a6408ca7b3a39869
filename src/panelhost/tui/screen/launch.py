"""Starting the projector view beside the host: a tmux window, a terminal window, or a command."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass


def screen_argv(
    url: str, code: str, *, join_address: str | None = None, theme: str | None = None
) -> list[str]:
    """The command line that runs `panelhost screen` for this hub with this Python."""
    argv = [sys.executable, "-m", "panelhost", "screen", url, code]
    if join_address:
        argv += ["--join-address", join_address]
    if theme:
        argv += ["--theme", theme]
    return argv


@dataclass(frozen=True, slots=True)
class Launched:
    """What `open_screen_window` did: `started` and a sentence for the host to read."""

    started: bool
    message: str


def open_screen_window(
    url: str, code: str, *, join_address: str | None = None, theme: str | None = None
) -> Launched:
    """Open the projector view in a new tmux window (inside tmux) or terminal window.

    Inside tmux: `tmux new-window -d -n screen ...` (move it to the projector's client with
    tmux's own keys). Elsewhere, on systems with `x-terminal-emulator` (Debian, Ubuntu),
    a new terminal window. Otherwise nothing starts and the message is the command to type
    in another terminal (`panelhost screen ADDRESS CODE`, with the room's address).
    """
    argv = screen_argv(url, code, join_address=join_address, theme=theme)
    command = shlex.join(argv)
    tmux = shutil.which("tmux")
    if os.environ.get("TMUX") and tmux:
        result = subprocess.run(
            [tmux, "new-window", "-d", "-n", "screen", command],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return Launched(True, "projector view opened in the tmux window 'screen'")
    terminal = shutil.which("x-terminal-emulator")
    if terminal and os.environ.get("DISPLAY"):
        try:
            subprocess.Popen(
                [terminal, "-e", command],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            pass
        else:
            return Launched(True, "projector view opened in a new terminal window")
    # what a person types: the command, and the address the room uses (not this Python's path)
    typed = ["panelhost", "screen", join_address or url, code]
    typed += ["--theme", theme] if theme else []
    return Launched(False, f"run this in another terminal for the projector: {shlex.join(typed)}")
