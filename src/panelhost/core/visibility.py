"""Who may see which question: the one rule behind the welcome, the live fan-out and `decide`.

Hosts see every question. Everyone else sees the public ones (open, answering, answered)
and, when they asked it, their own pending or dismissed question. Moderation and
anonymity rest on the welcome and the changes saying the same, so both ask `visible_to`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from panelhost.core.vocabulary import Role

PUBLIC_STATUSES: frozenset[str] = frozenset({"open", "answering", "answered"})
"""Statuses every participant may see; pending and dismissed only their author (and hosts)."""


@dataclass(frozen=True, slots=True)
class Audience:
    """Whoever looks: a role, and the identity they are when they may have asked questions."""

    role: Role
    identity_id: str | None = None


class Seen(Protocol):
    """What the rule reads of a question (the core's `Question` has it): a structural type,
    so that this module needs nothing of model.py, which asks it."""

    @property
    def status(self) -> str: ...

    @property
    def author_id(self) -> str | None: ...


HOSTS = Audience("host")
EVERYONE = Audience("participant")
"""Any participant or viewer who did not ask the question in hand."""


def visible_to(question: Seen, audience: Audience) -> bool:
    """Whether `audience` may see `question` (exists for them: in a welcome, a change, a reply)."""
    if audience.role == "host" or question.status in PUBLIC_STATUSES:
        return True
    return audience.identity_id is not None and question.author_id == audience.identity_id
