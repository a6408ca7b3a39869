"""What a closed connection means for a link: reconnect, or stop with which status.

Pure: the close code and reason in, the link's next status and its one sentence out
(PROTOCOL.md "Closing"; docs/clients.md says the same in words).
"""

from __future__ import annotations

from dataclasses import dataclass

from panelhost import protocol as p
from panelhost.client.link_words import ENDED_SENTENCE, REPLACED_SENTENCE

RECONNECT_CODES = frozenset({1001, 1006, 1011, 1012, 1013, 1014})
"""Close codes after which the link reconnects and resumes (PROTOCOL.md "Closing")."""
TOO_LARGE = 1009
"""The hub refused a frame as too large: requests in flight fail, the link reconnects."""


@dataclass(frozen=True, slots=True)
class Next:
    """The link's status after a connection ended ("reconnecting": try again) and why."""

    status: str
    reason: str

    @property
    def again(self) -> bool:
        return self.status == "reconnecting"


def after_close(
    code: int, reason: str, *, leaving: bool, welcomed: bool, refusal: p.Error | None
) -> Next:
    """After a close with `code`: `leaving` (we closed it), `welcomed` (ever joined),
    `refusal` (the hub's last error, which a 1008 close is about)."""
    if leaving:
        return Next("closed", "you left the session")
    if code == 1000:
        return Next("ended", ENDED_SENTENCE)
    if code == 4000:
        return Next("replaced", REPLACED_SENTENCE)
    if code == 1008:
        why = refusal.message if refusal is not None else reason
        return Next("refused", f"the hub closed the connection: {why or 'policy'}")
    if code in RECONNECT_CODES or code == TOO_LARGE:
        if not welcomed:
            return Next("unreachable", f"the hub closed the connection (code {code})")
        return Next("reconnecting", "connection lost; reconnecting…")
    detail = f"code {code}" + (f": {reason}" if reason else "")
    return Next("refused", f"the hub closed the connection ({detail})")


def after_lost(why: str, *, welcomed: bool) -> Next:
    """The hub did not answer hello as a hub: try again only if it ever welcomed us."""
    return Next("reconnecting" if welcomed else "unreachable", why)
