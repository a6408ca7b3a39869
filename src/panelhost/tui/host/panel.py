"""Choices about the panel the host screen explains: who answers by default, who to remove."""

from __future__ import annotations

from dataclasses import dataclass

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import printable
from panelhost.core.durations import duration


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The panelist `enter` picks in the picker, and why, in words for the picker."""

    panelist_id: int | None
    reason: str


def suggest_panelist(mirror: Mirror, question: p.Question | None) -> Suggestion:
    """Who answers unless the host picks: the addressee, the one on stage, the first."""
    if question is not None and question.panelist_id in mirror.panelists:
        return Suggestion(question.panelist_id, "the question is addressed to them")
    for candidate, reason in (
        (mirror.now.panelist_id, "on stage now"),
        (mirror.timer.panelist_id, "the timer is theirs"),
    ):
        if candidate is not None and candidate in mirror.panelists:
            return Suggestion(candidate, reason)
    if mirror.panelists:
        return Suggestion(min(mirror.panelists), "first on the panel")
    return Suggestion(None, "")


def removal_warning(panelist: p.Panelist, spoken_ms: int) -> str | None:
    """What removing a panelist who has answered or spoken loses from view; None if nothing."""
    if panelist.answers == 0 and spoken_ms == 0:
        return None
    answers = f"{panelist.answers} answer" + ("" if panelist.answers == 1 else "s")
    return (
        f"{printable(panelist.name)} has given {answers} and spoken for "
        f"{duration(spoken_ms)}. They leave the panel list and its speaking times; the "
        "questions they answered stay answered."
    )
