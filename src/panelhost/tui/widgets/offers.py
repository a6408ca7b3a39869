"""The panel's offers as a short list (participant app, projector); hidden while none."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from panelhost.client.mirror import Mirror
from panelhost.client.offer_words import offer_lines


class OffersBox(Static):
    """`Offers · f to follow up` over one line per offer; participant text stays plain."""

    DEFAULT_CSS = """
    OffersBox { height: auto; max-height: 8; padding: 0 1; display: none; }
    OffersBox.-some { display: block; }
    """

    def __init__(self, heading: str, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.heading = heading
        self._painted: list[str] | None = None

    def show(self, mirror: Mirror) -> None:
        lines = offer_lines(mirror)
        if lines == self._painted:
            return
        self._painted = lines
        self.set_class(bool(lines), "-some")
        text = Text(self.heading, style="bold")
        for line in lines:
            text.append("\n")
            text.append(line)
        self.update(text)
