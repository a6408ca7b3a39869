"""The line client's offers and follow-ups: `offers`, `follow N [EMAIL] [MESSAGE]`, `unfollow`."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.client.link import Link
from panelhost.client.offer_words import offer_line, offer_lines
from panelhost.client.text import as_sentence, error_words

VERBS = ("offers", "follow", "unfollow")

HELP = (
    "  offers                the panelists' offers and their places left",
    "  follow N [EMAIL] [MESSAGE]  follow up on offer N (hosts only see it)",
    "  follow panelist N [EMAIL] [MESSAGE]  follow up with panelist N in general",
    "  unfollow N            withdraw your follow-up N",
)


def offer_sentence(link: Link, change: p.OfferChanged) -> list[str]:
    """What a new or changed offer says; a change of places alone says nothing."""
    if change.removed:
        return [f"Offer {change.offer.id} was taken back."]
    if change.offer.places is not None and change.offer.places_left != change.offer.places:
        return []
    line = offer_line(link.mirror, change.offer)
    return [f"New {line[0].lower()}{line[1:]}. Follow up with: follow {change.offer.id} EMAIL"]


def _request(words: list[str]) -> p.FollowUpRequest | str:
    general = len(words) > 1 and words[0].lower() == "panelist"
    if general:
        words = words[1:]
    if not words or not words[0].isdigit() or len(words[0]) > 9:
        return "Give an offer number, like: follow 2 you@example.org (or: follow panelist 1)"
    number, rest = int(words[0]), words[1:]
    email = rest.pop(0) if rest and "@" in rest[0] else None
    message = " ".join(rest)
    if general:
        return p.FollowUpRequest(panelist_id=number, email=email, message=message)
    return p.FollowUpRequest(offer_id=number, email=email, message=message)


async def follow_command(link: Link, verb: str, rest: str) -> list[str]:
    """The lines one of VERBS prints."""
    if verb == "offers":
        return offer_lines(link.mirror) or ["No offers yet."]
    if verb == "unfollow":
        digits = rest.lstrip("#")
        if not digits.isdigit() or len(digits) > 9:
            return ["Give your follow-up's number, like: unfollow 1"]
        reply = await link.request(p.FollowUpWithdraw(follow_up_id=int(digits)))
        if isinstance(reply, p.Error):
            return ["Not withdrawn: " + as_sentence(error_words(reply))]
        return [f"You withdrew follow-up {digits}."]
    request = _request(rest.split())
    if isinstance(request, str):
        return [request]
    reply = await link.request(request)
    if isinstance(reply, p.Error):
        return ["Not sent: " + as_sentence(error_words(reply))]
    return [
        f"Sent: follow-up {reply.id}; only the hosts see it (unfollow {reply.id} takes it back)."
    ]
