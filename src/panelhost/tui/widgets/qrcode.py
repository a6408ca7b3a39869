"""A QR code of the join link, black on white whatever the theme, at the size that fits."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from panelhost.web.qr import pairs, qr_matrix

DARK, LIGHT = "#000000", "#ffffff"


def qr_text(link: str, scale: int = 1) -> Text:
    """The code as Rich text: at scale 1 two modules share a cell (`▀` with its own
    foreground and background, so the colours are exact); at scale n each module is n
    cells wide and n/2 high."""
    matrix = qr_matrix(link)
    lines: list[Text] = []
    if scale <= 1:
        for cells in pairs(matrix):
            line = Text()
            for top, bottom in cells:
                style = Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT)
                line.append("▀", style)
            lines.append(line)
    else:
        width, height = scale, max(1, scale // 2)
        for modules in matrix:
            line = Text()
            for dark in modules:
                line.append(" " * width, Style(bgcolor=DARK if dark else LIGHT))
            lines.extend(line.copy() for _ in range(height))
    # joined, never stripped: a row of light modules is all spaces and must stay
    text = Text("\n").join(lines)
    text.no_wrap = True
    text.overflow = "crop"
    return text


def qr_size(link: str, scale: int = 1) -> tuple[int, int]:
    """(columns, rows) the code takes at this scale."""
    modules = len(qr_matrix(link))
    if scale <= 1:
        return modules, (modules + 1) // 2
    return modules * scale, modules * max(1, scale // 2)


class QRCode(Static):
    """The join link's QR code; `link` may change (a re-attach, another address)."""

    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, link: str, *, scale: int = 1, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.link = link
        self.scale = scale

    def on_mount(self) -> None:
        self.show(self.link, self.scale)

    def show(self, link: str, scale: int = 1) -> None:
        """Draw the code for `link` at `scale` (1: half blocks)."""
        self.link, self.scale = link, scale
        self.update(qr_text(link, scale) if link else Text(""))
