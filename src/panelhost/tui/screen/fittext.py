"""Text that wraps to its box and, when too long, ends in an ellipsis instead of overflowing."""

from __future__ import annotations

from typing import Literal

from rich.console import Console, RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


def fit_lines(console: Console, text: Text, width: int, height: int) -> tuple[list[Text], bool]:
    """`text` wrapped to `width` cells and cut to `height` lines; True when it was cut.

    The last kept line of a cut text ends in "…", so the room sees that there is more.
    """
    if width <= 0 or height <= 0:
        return [], bool(text.plain)
    lines = list(text.wrap(console, width, overflow="fold"))
    if len(lines) <= height:
        return lines, False
    kept = lines[:height]
    last = kept[-1].copy()
    last.truncate(max(0, width - 2))
    last.rstrip()
    last.append(" …" if last.plain else "…")
    kept[-1] = last
    return kept, True


class FitText(Widget):
    """Plain text (never markup) that fills its box: wrapped, and cut with "…" if too long.

    The widget never grows past the size its CSS gives it, so a very long question shrinks
    to fit instead of pushing the rest of the screen away; `truncated` says whether it had
    to cut at the last render.
    """

    DEFAULT_CSS = """
    FitText {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(
        self,
        text: str = "",
        *,
        reserve: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.reserve = reserve
        """With `height: auto`, rows of the parent left for siblings (the rest is the limit)."""
        self.truncated = False

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        """Show `text` (taken literally: "[bold]" stays "[bold]")."""
        if text != self._text:
            self._text = text
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = Text(self._text).wrap(self.app.console, max(1, width), overflow="fold")
        gutter = self.styles.gutter.height
        return max(1, min(len(lines), container.height - self.reserve - gutter))

    def render(self) -> RenderableType:
        size = self.content_size
        styled = Text(self._text, justify=_justify(self.styles.text_align))
        lines, self.truncated = fit_lines(self.app.console, styled, size.width, size.height)
        return Text("\n").join(lines)


def _justify(align: str) -> Literal["left", "center", "right"]:
    if align == "center":
        return "center"
    if align in ("right", "end"):
        return "right"
    return "left"
