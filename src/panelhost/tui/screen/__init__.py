"""The projector view (`panelhost screen`): a read-only, full-screen view for the room.

Entry points for other apps (the host TUI opens it for its own session):

- `make_screen_app(url, code, join_address=..., theme=...)` builds the app exactly as
  `panelhost screen` does; `await app.run_async()` or `app.run()`.
- `open_screen_window(url, code, join_address=...)` starts `panelhost screen` in a new
  tmux window or terminal window, or says which command to run (see `launch.py`).
"""

from __future__ import annotations

from panelhost.tui.screen.factory import join_line, make_screen_app
from panelhost.tui.screen.launch import Launched, open_screen_window, screen_argv

__all__ = ["Launched", "join_line", "make_screen_app", "open_screen_window", "screen_argv"]
