"""Opening the projector view from another app: the command it runs, and the fallback."""

from __future__ import annotations

import shlex
import sys

import pytest

from panelhost.cli import build_parser
from panelhost.tui.screen import open_screen_window, screen_argv


def test_screen_argv_is_a_valid_panelhost_screen_command() -> None:
    argv = screen_argv("ws://127.0.0.1:8765/ws", "K7Q-2M9", join_address="10.0.0.5:8765")
    assert argv[:4] == [sys.executable, "-m", "panelhost", "screen"]
    args = build_parser().parse_args(argv[3:])
    assert (args.address, args.code, args.join_address) == (
        "ws://127.0.0.1:8765/ws",
        "K7Q-2M9",
        "10.0.0.5:8765",
    )


def test_without_tmux_or_a_display_it_says_what_to_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    launched = open_screen_window(
        "ws://127.0.0.1:8765/ws", "K7Q-2M9", join_address="192.168.1.20:8765", theme="nord"
    )
    assert not launched.started
    assert launched.message == (
        "run this in another terminal for the projector: "
        "panelhost screen 192.168.1.20:8765 K7Q-2M9 --theme nord"
    )
    command = launched.message.split(": ", 1)[1]
    args = build_parser().parse_args(shlex.split(command)[1:])  # a real panelhost command
    assert (args.address, args.code, args.theme) == ("192.168.1.20:8765", "K7Q-2M9", "nord")
    plain = open_screen_window("ws://127.0.0.1:8765/ws", "K7Q-2M9")
    assert plain.message.endswith(": panelhost screen ws://127.0.0.1:8765/ws K7Q-2M9")
