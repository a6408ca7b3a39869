"""The participant TUI (`panelhost join`)."""

from panelhost.tui.join.app import JoinApp, make_join_app

__all__ = ["JoinApp", "make_join_app"]
