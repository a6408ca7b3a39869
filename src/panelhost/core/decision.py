"""The parts every rule is made of: who asks, what a decision is, and the context it reads.

`handle` is the table of rules, one per request type: `rules.py` decides who may ask,
then hands the request to its rule (`rules_questions.py`, `rules_stage.py`,
`rules_session.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import singledispatch

from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core.model import Question, State
from panelhost.core.text import normalize
from panelhost.core.visibility import Audience, visible_to
from panelhost.core.vocabulary import ErrorCode, Role

TIMER_SECONDS_MAX = 24 * 3600


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends a request: an identity id (None for a viewer) and its role."""

    id: str | None
    role: Role


@dataclass(slots=True)
class Accepted:
    """The request is valid: these events (possibly none) follow; `id` goes into `ok`."""

    events: list[ev.Event] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """The request is refused with a protocol error code and a sentence saying what to do."""

    code: ErrorCode
    message: str


Decision = Accepted | Rejected


def clean_text(raw: str, limit: int, what: str) -> str | Rejected:
    """Normalise `raw`; reject it when empty or longer than `limit` code points."""
    text = normalize(raw)
    if not text:
        return Rejected("bad_request", f"{what} is empty; type some text")
    if len(text) > limit:
        return Rejected("too_long", f"{what} is {len(text)} characters; shorten it to {limit}")
    return text


@dataclass(slots=True)
class Context:
    state: State
    actor: Actor
    now: int

    def seq(self, offset: int = 1) -> int:
        return self.state.seq + offset

    def question(self, question_id: int) -> Question | Rejected:
        """The question, or `not_found` when it does not exist or the actor cannot see it."""
        question = self.state.questions.get(question_id)
        if question is None or not visible_to(question, Audience(self.actor.role, self.actor.id)):
            return Rejected("not_found", f"there is no question {question_id}")
        return question

    def timer_seconds(self, seconds: int | None) -> int | Rejected:
        """An answer timer's length: `seconds` (1 to 86,400), else the `answer_seconds`."""
        if seconds is None:
            return self.state.settings.answer_seconds
        if not 1 <= seconds <= TIMER_SECONDS_MAX:
            return Rejected(
                "bad_request", f"a timer runs 1 to {TIMER_SECONDS_MAX} seconds, not {seconds}"
            )
        return seconds

    def panelist_exists(self, panelist_id: int | None) -> Rejected | None:
        if panelist_id is None:
            return None
        panelist = self.state.panelists.get(panelist_id)
        if panelist is None or panelist.removed:
            return Rejected("not_found", f"there is no panelist {panelist_id}")
        return None


def one(event: ev.Event, id: int | None = None) -> Accepted:
    return Accepted([event], id)


@singledispatch
def handle(request: p.Request, ctx: Context) -> Decision:
    """The rule for `request`'s type (registered by the rule modules)."""
    return Rejected("bad_request", f"{type(request).__name__} is not a request here")
