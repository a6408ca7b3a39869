"""The host's offers dialog (record a panelist's offer) and the follow-ups list (hosts only)."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.offer_words import offer_line
from panelhost.client.text import printable

_BOX = """
{name} { align: center middle; }
{name} > Vertical, {name} > VerticalScroll {
    width: 80; height: auto; max-height: 90%; border: round $primary; padding: 0 1;
}
{name} .error { color: $error; }
"""


class OfferDialog(ModalScreen[object]):
    """`1` (the panelist's number), the offer, and optionally how many places; returns an
    `OfferRequest` or None (escape)."""

    DEFAULT_CSS = _BOX.replace("{name}", "OfferDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="offer.cancel")
    ]

    def __init__(self, mirror: Mirror, panelist_id: int | None) -> None:
        super().__init__()
        self.mirror = mirror
        self.panelist_id = panelist_id

    def compose(self) -> ComposeResult:
        panel = ", ".join(f"{x.id} {printable(x.name)}" for x in self.mirror.panelists.values())
        with Vertical():
            yield Static(Text("Record a panelist's offer", style="bold"))
            yield Static(Text(f"Panel: {panel or 'nobody yet: add a panelist first (p)'}"))
            yield Input(
                value=str(self.panelist_id or min(self.mirror.panelists, default=1)),
                placeholder="panelist number",
                id="offer-panelist",
            )
            yield Input(
                placeholder="the offer: happy to read three personal statements", id="offer-text"
            )
            yield Input(placeholder="places (empty: no limit)", id="offer-places")
            yield Static(Text(""), id="offer-error", classes="error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        error = self.query_one("#offer-error", Static)
        panelist = self.query_one("#offer-panelist", Input).value.strip()
        places = self.query_one("#offer-places", Input).value.strip()
        if not re.fullmatch(r"\d+", panelist):
            error.update(Text("give the panelist's number (1, 2, ...)"))
            return
        if places and not re.fullmatch(r"\d+", places):
            error.update(Text("places is a number, or empty for no limit"))
            return
        text = self.query_one("#offer-text", Input).value
        self.dismiss(
            p.OfferRequest(
                panelist_id=int(panelist), text=text, places=int(places) if places else None
            )
        )


def follow_up_text(mirror: Mirror) -> Text:
    """Every follow-up, by panelist, with the contact each student chose to give."""
    text = Text()
    by_panelist: dict[int, list[p.FollowUp]] = {}
    for follow_up in mirror.follow_ups.values():
        by_panelist.setdefault(follow_up.panelist_id, []).append(follow_up)
    for panelist_id, follow_ups in sorted(by_panelist.items()):
        panelist = mirror.panelist(panelist_id)
        text.append(printable(panelist.name) if panelist else f"panelist {panelist_id}", "bold")
        text.append("\n")
        for f in follow_ups:
            offer = mirror.offers.get(f.offer_id or 0)
            about = offer_line(mirror, offer) if offer else "in general"
            line = f"  #{f.id} {printable(f.name)} <{printable(f.email or 'no email')}>: {about}"
            text.append(line, style="strike dim" if f.withdrawn else "")
            if f.withdrawn:
                text.append(" (withdrawn)")
            if f.message:
                text.append(f"\n      {printable(f.message)}")
            text.append("\n")
    return text or Text("No follow-ups yet. Students ask for them from their own screen.")


class FollowUpsView(ModalScreen[object]):
    """The follow-ups, for hosts only; `panelhost export ID --follow-ups` writes them out."""

    DEFAULT_CSS = _BOX.replace("{name}", "FollowUpsView")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "close", id="follow_ups.close")
    ]

    def __init__(self, mirror: Mirror) -> None:
        super().__init__()
        self.mirror = mirror

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Follow-ups (hosts only)", style="bold"))
            yield Static(follow_up_text(self.mirror), id="follow-ups")
            session_id = self.mirror.session.id if self.mirror.session else "SESSION_ID"
            export = f"Export: panelhost export {session_id} --follow-ups"
            yield Static(Text(export, style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
