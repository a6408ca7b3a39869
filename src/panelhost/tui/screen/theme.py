"""The projector's default theme: white on black, saturated warning and error colours."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

HIGH_CONTRAST = Theme(
    name="panelhost-contrast",
    primary="#4FC3FF",
    secondary="#A0A0FF",
    accent="#FFE14F",
    warning="#FFD000",
    error="#FF5050",
    success="#50FF80",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#202020",
    dark=True,
    text_alpha=1.0,
    luminosity_spread=0.1,
)
"""Readable from the back of a room on a washed-out projector."""

DEFAULT_THEME = HIGH_CONTRAST.name


def theme_names() -> list[str]:
    """Every theme `--theme` accepts: ours first, then Textual's built-in themes."""
    return [HIGH_CONTRAST.name, *BUILTIN_THEMES]
