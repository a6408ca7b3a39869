"""The participant's follow-up dialog: which offer or panelist, an email, a short message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from panelhost import protocol as p
from panelhost.client.mirror import Mirror

PRIVACY = (
    "Only the hosts see this (never other students, nor the public notes); they pass it on"
    " to the panelist. Leave the email empty to give none."
)


@dataclass(frozen=True, slots=True)
class FollowUpAsked:
    """What the dialog returns: the request to send."""

    request: p.FollowUpRequest


def parse_target(words: str, mirror: Mirror) -> tuple[int | None, int | None] | str:
    """`offer 2` (or `2`) -> (2, None); `panelist 1` -> (None, 1); else why not."""
    match = re.fullmatch(r"\s*(offer|panelist|o|p)?\s*(\d+)\s*", words.lower())
    if match is None:
        return "type an offer number (offer 2) or a panelist (panelist 1)"
    kind, number = match.group(1) or "offer", int(match.group(2))
    if kind in ("offer", "o"):
        return (number, None) if number in mirror.offers else f"there is no offer {number}"
    return (None, number) if mirror.panelist(number) else f"there is no panelist {number}"


class FollowUpDialog(ModalScreen[object]):
    """Enter sends (the hub checks the email's shape); escape closes without sending."""

    DEFAULT_CSS = """
    FollowUpDialog { align: center middle; }
    FollowUpDialog > Vertical { width: 72; height: auto; border: round $primary; padding: 0 1; }
    FollowUpDialog #follow-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="follow_up.cancel")
    ]
    AUTO_FOCUS = "#follow-email"  # the offer is filled in; the app's own (the ask box) is not here

    def __init__(self, mirror: Mirror) -> None:
        super().__init__()
        self.mirror = mirror

    def compose(self) -> ComposeResult:
        first = min(self.mirror.offers, default=None)
        with Vertical():
            yield Static(Text("Follow up with a panelist", style="bold"))
            yield Static(Text(PRIVACY))
            yield Input(
                value=f"offer {first}" if first is not None else "panelist 1",
                placeholder="offer 2, or panelist 1",
                id="follow-to",
            )
            yield Input(placeholder="your email (optional)", id="follow-email")
            yield Input(placeholder="a short message (optional)", id="follow-message")
            yield Static(Text(""), id="follow-error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        target = parse_target(self.query_one("#follow-to", Input).value, self.mirror)
        if isinstance(target, str):
            self.query_one("#follow-error", Static).update(Text(target))
            return
        offer_id, panelist_id = target
        email = self.query_one("#follow-email", Input).value.strip() or None
        message = self.query_one("#follow-message", Input).value
        request = p.FollowUpRequest(
            offer_id=offer_id, panelist_id=panelist_id, message=message, email=email
        )
        self.dismiss(FollowUpAsked(request))


def about_words(request: p.FollowUpRequest) -> str:
    """What a follow-up was about, in the dialog's own words: `offer 2` or `panelist 1`."""
    if request.offer_id is not None:
        return f"offer {request.offer_id}"
    return f"panelist {request.panelist_id}"


@dataclass(frozen=True, slots=True)
class UnfollowAsked:
    """What the withdraw dialog returns: the follow-up to withdraw."""

    follow_up_id: int


class UnfollowDialog(ModalScreen[object]):
    """Which of your follow-ups to withdraw (the latest filled in); escape keeps them all."""

    DEFAULT_CSS = FollowUpDialog.DEFAULT_CSS.replace("FollowUpDialog", "UnfollowDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="unfollow.cancel")
    ]
    AUTO_FOCUS = "#unfollow-which"

    def __init__(self, mine: set[int], about: dict[int, str]) -> None:
        super().__init__()
        self.mine = sorted(mine)
        self.about = about
        """What each follow-up sent from this screen was about (not known after a restart)."""

    def compose(self) -> ComposeResult:
        lines = [f"  {n} {self.about.get(n, f'follow-up {n}')}" for n in self.mine]
        with Vertical():
            yield Static(Text("Withdraw a follow-up", style="bold"))
            yield Static(Text("Your follow-ups:\n" + "\n".join(lines)))
            yield Input(value=str(self.mine[-1]), placeholder="its number", id="unfollow-which")
            yield Static(Text("enter withdraws it; escape keeps it"), id="follow-error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        which = event.value.strip().lstrip("#")
        if not which.isdigit() or int(which) not in self.mine:
            yours = ", ".join(map(str, self.mine))
            self.query_one("#follow-error", Static).update(Text(f"give one of yours: {yours}"))
            return
        self.dismiss(UnfollowAsked(int(which)))
