"""Helpers for projector tests: the app against a real hub, read back as plain text."""

from __future__ import annotations

from textual.widgets import Static

from panelhost.hub import Hub
from panelhost.tui.screen import make_screen_app
from panelhost.tui.screen.app import ScreenApp
from panelhost.tui.screen.fittext import FitText
from panelhost.tui.screen.upnext import UpNext
from panelhost.tui.widgets.timer import SpeakerTimer

from ...client.linkkit import FAST


def screen_app(hub: Hub, **options: object) -> ScreenApp:
    """The projector app for `hub`, built as `panelhost screen` builds it."""
    options.setdefault("backoff", FAST)
    return make_screen_app(hub.url, hub.code, **options)  # type: ignore[arg-type]


def painted(app: ScreenApp) -> bool:
    """The welcome arrived and the screen shows the mirror as it is now."""
    return app.mirror.loaded and app.painted_version == app.mirror.version


def text_of(app: ScreenApp, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def question_text(app: ScreenApp) -> str:
    return app.query_one("#question", FitText).text


def timer_words(app: ScreenApp) -> str:
    return app.query_one(SpeakerTimer).reading.words


def next_ids(app: ScreenApp) -> list[int]:
    return [q.id for q in app.query_one(UpNext).questions]
