"""The join link's QR code on the host screen (`w`): big, with the link and the terminal line."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from panelhost.tui.host.dialogs import Dialog
from panelhost.tui.widgets.qrcode import QRCode, qr_size


class JoinQRDialog(Dialog):
    """The page's link as a QR code; any of escape, enter, `w` or `q` closes it."""

    DEFAULT_CSS = """
    JoinQRDialog { align: center middle; }
    JoinQRDialog > Vertical {
        width: auto; height: auto; max-width: 100%; padding: 0 1;
        border: round $accent; background: $surface; align-horizontal: center;
    }
    JoinQRDialog Static { width: auto; text-align: center; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,w,q", "cancel", "close", id="join_qr.close"),
    ]

    def __init__(self, link: str, join_command: str | None) -> None:
        super().__init__()
        self.link = link
        self.join_command = join_command

    def compose(self) -> ComposeResult:
        with Vertical():
            yield QRCode(self.link, id="join-qr")
            yield Static(Text(self.link, style="bold"), id="join-qr-link")
            if self.join_command:
                yield Static(Text(f"or from a terminal: {self.join_command}"))
            yield Static(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        # twice as big when the terminal has room for it
        columns, rows = qr_size(self.link, 2)
        fits = self.app.size.width >= columns + 4 and self.app.size.height >= rows + 6
        self.query_one(QRCode).show(self.link, 2 if fits else 1)
