"""The join link as a QR code drawn with block characters (segno makes the matrix).

Two modules stack in one character cell (`▀`, `▄`, `█`, space), so each module is about
square in a terminal font. A quiet zone of QUIET modules surrounds the code.
"""

from __future__ import annotations

import segno

QUIET = 2
"""Modules of light border; scanners want some, and every row costs a line on a screen."""

HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_matrix(link: str) -> list[list[bool]]:
    """Rows of modules, True where dark, with the quiet zone (error correction M)."""
    code = segno.make(link, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET)]


def pairs(matrix: list[list[bool]]) -> list[list[tuple[bool, bool]]]:
    """Each character cell's (top, bottom) modules; an odd last row pairs with light."""
    rows = []
    for top in range(0, len(matrix), 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < len(matrix) else [False] * len(upper)
        rows.append(list(zip(upper, lower, strict=True)))
    return rows


def qr_lines(link: str) -> list[str]:
    """The code as text for a terminal with light text on a dark background (the usual
    one): a light module is a drawn block, a dark one the background."""
    return [
        "".join(HALF_BLOCKS[(not top, not bottom)] for top, bottom in row)
        for row in pairs(qr_matrix(link))
    ]
