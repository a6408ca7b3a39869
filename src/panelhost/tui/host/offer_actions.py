"""The host screen's offer keys: `O` records a panelist's offer, `U` lists the follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from panelhost import protocol as p
from panelhost.client.offer_words import offer_line
from panelhost.tui.host.dialogs import TextDialog
from panelhost.tui.host.offers import FollowUpsView, OfferDialog

if TYPE_CHECKING:
    from textual.screen import Screen

    from panelhost.client.mirror import Mirror


class OfferActions:
    """Mixed into `HostScreen` beside `HostRequests`, whose `send` and `open_dialog` it uses."""

    if TYPE_CHECKING:

        @property
        def mirror(self) -> Mirror: ...
        def send(self, request: p.Request, what: str, done: str | None = None) -> None: ...
        def open_dialog(
            self, dialog: Screen[Any], done: Callable[[Any], None] | None = None
        ) -> None: ...
        def tell(self, message: str) -> None: ...

    def action_add_offer(self) -> None:
        if not self.mirror.panelists:
            self.tell("Add a panelist first (p): an offer is a panelist's.")
            return

        def recorded(result: object) -> None:
            if isinstance(result, p.OfferRequest):
                self.send(result, "record the offer", "Offer recorded: everyone sees it.")

        self.open_dialog(OfferDialog(self.mirror, self.mirror.now.panelist_id), recorded)

    def action_remove_offer(self) -> None:
        if not self.mirror.offers:
            self.tell("There is no offer to take back.")
            return
        latest = max(self.mirror.offers)
        dialog = TextDialog(
            "Take back which offer?",
            value=str(latest),
            hint="; ".join(offer_line(self.mirror, o) for o in self.mirror.offers.values()),
        )

        def chosen(result: object) -> None:
            if isinstance(result, str) and result.strip().lstrip("#").isdigit():
                offer_id = int(result.strip().lstrip("#"))
                self.send(
                    p.OfferRemove(offer_id=offer_id), "take back the offer", "Offer taken back."
                )
            elif result is not None:
                self.tell("Give the offer's number, like 2.")

        self.open_dialog(dialog, chosen)

    def action_show_follow_ups(self) -> None:
        self.open_dialog(FollowUpsView(self.mirror))
