"""The QR codes panelhost draws decode to the join link (read back by zbar's zbarimg from
an image of exactly the cells drawn): serve's text, and the projector's widget at each scale."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from panelhost.tui.widgets.qrcode import DARK, qr_text
from panelhost.web.qr import qr_lines
from tests.processes import start_serve
from tests.web.conftest import require

LINKS = [
    "http://192.168.1.20:8765/#K7Q-2M9",
    "https://panel.example.org/#K7Q-2M9",
    "http://[fd00:1234:5678::20]:26010/#ABCDEFGHJK",
]
PIXELS = 6
"""Pixels per module in the image given to the decoder."""


def decode(dark: list[list[bool]], tmp_path: Path) -> str:
    """zbarimg's reading of a module grid (True = dark), drawn with a wide light margin."""
    require("zbarimg", shutil.which("zbarimg") is not None, "apt-get install -y zbar-tools")
    margin = 4
    width = len(dark[0]) + 2 * margin
    rows = (
        [[False] * width] * margin
        + [[False] * margin + row + [False] * margin for row in dark]
        + [[False] * width] * margin
    )
    image = bytearray()
    for row in rows:
        line = bytes(0 if module else 255 for module in row for _ in range(PIXELS))
        image += line * PIXELS
    path = tmp_path / "qr.pgm"
    path.write_bytes(f"P5 {width * PIXELS} {len(rows) * PIXELS} 255\n".encode() + image)
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=30
    )
    return result.stdout.strip()


def grid_from_lines(lines: list[str]) -> list[list[bool]]:
    """Modules back from half-block text drawn for a dark terminal (a block is light)."""
    grid = []
    for line in lines:
        grid.append([char not in "█▀" for char in line])
        grid.append([char not in "█▄" for char in line])
    return grid


def grid_from_widget_text(link: str, scale: int) -> list[list[bool]]:
    """Modules back from the widget's cells: each cell's colours, as the terminal paints them."""
    console = Console(width=400, color_system="truecolor")
    cells: list[list[tuple[str, str | None, str | None]]] = [[]]
    for segment in qr_text(link, scale).render(console):
        if segment.text == "\n":
            cells.append([])
            continue
        style = segment.style
        for char in segment.text:
            fg = style.color.triplet.hex if style and style.color and style.color.triplet else None
            bg = (
                style.bgcolor.triplet.hex
                if style and style.bgcolor and style.bgcolor.triplet
                else None
            )
            cells[-1].append((char, fg, bg))
    grid: list[list[bool]] = []
    for row in cells:
        if not row:
            continue
        if scale == 1:
            grid.append([fg == DARK for char, fg, bg in row])
            grid.append([bg == DARK for char, fg, bg in row])
        else:
            grid.append([bg == DARK for char, fg, bg in row][::scale])
    return grid


@pytest.mark.parametrize("link", LINKS)
def test_serves_text_qr_code_decodes_to_the_link(link: str, tmp_path: Path) -> None:
    assert decode(grid_from_lines(qr_lines(link)), tmp_path) == link


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("link", LINKS[:2])
def test_the_projectors_qr_code_decodes_to_the_link(link: str, scale: int, tmp_path: Path) -> None:
    assert decode(grid_from_widget_text(link, scale), tmp_path) == link


def test_serve_prints_the_qr_code_of_its_page_link(tmp_path: Path) -> None:
    serve = start_serve(tmp_path)
    try:
        serve.terminate()
        assert serve.process.stdout is not None
        rest = serve.process.stdout.read().splitlines()
        start = rest.index("Scan to open the page:") + 1
        lines = [line for line in rest[start:] if line and set(line) <= set("█▀▄ ")]
        assert decode(grid_from_lines(lines), tmp_path) == serve.page
    finally:
        if serve.process.poll() is None:
            serve.process.kill()
