"""`decide(state, actor, request, now)`: which events a request causes, or why it is refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import singledispatch

from panelhost import protocol as p
from panelhost.core import early, offers, stage
from panelhost.core import events as ev
from panelhost.core.model import ASK_WINDOW_MS, Question, State
from panelhost.core.text import normalize
from panelhost.core.visibility import Audience, visible_to

NAME_MAX = 40
PANELIST_NAME_MAX = 60
PANELIST_TITLE_MAX = 100
TITLE_MAX = 100
NOTE_MAX = 2000
ANSWER_SECONDS = (10, 3600)
TIMER_SECONDS_MAX = 24 * 3600
ASKS_PER_MINUTE = 5


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends a request: an identity id (None for a viewer) and its role."""

    id: str | None
    role: p.Role


@dataclass(slots=True)
class Accepted:
    """The request is valid: these events (possibly none) follow; `id` goes into `ok`."""

    events: list[ev.Event] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """The request is refused with a protocol error code and a sentence saying what to do."""

    code: p.ErrorCode
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


def decide(state: State, actor: Actor, request: p.Request, now: int) -> Decision:
    """Decide `request` from `actor` against `state` at wall-clock `now` (ms)."""
    if isinstance(request, p.Hello):
        return Rejected("bad_request", "already joined: hello is only the first message")
    if actor.role == "viewer":
        return Rejected(
            "forbidden", "a room screen is read-only; join as a participant to ask or vote"
        )
    if state.status == "ended":
        return Rejected("session_ended", "the session has ended")
    if actor.role != "host" and not isinstance(request, p.PARTICIPANT_REQUESTS):
        return Rejected(
            "forbidden", f"only a host may {str(request.__struct_config__.tag).replace('_', ' ')}"
        )
    if isinstance(request, _WAITS_FOR_PANEL) and early.before_panel(state):
        return Rejected("invalid_state", early.WAIT_FOR_PANEL)
    return _decide(request, _Context(state, actor, now))


_WAITS_FOR_PANEL = (p.SetNow, p.TimerRequest, p.MarkAnswered, p.Reopen)
"""Requests that put something on stage, run a timer or answer: refused before the panel."""


@dataclass(slots=True)
class _Context:
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


def _one(event: ev.Event, id: int | None = None) -> Accepted:
    return Accepted([event], id)


@singledispatch
def _decide(request: p.Request, ctx: _Context) -> Decision:
    return Rejected("bad_request", f"{type(request).__name__} is not a request here")


@_decide.register
def _(request: p.Ask, ctx: _Context) -> Decision:
    state, actor = ctx.state, ctx.actor
    identity = state.identities.get(actor.id or "")
    if identity is not None and request.nonce is not None and request.nonce in identity.nonces:
        return Accepted([], identity.nonces[request.nonce])
    if request.anonymous and not state.settings.anonymous_allowed:
        return Rejected("forbidden", "anonymous questions are turned off; ask with your name")
    text = clean_text(request.text, state.settings.max_question_chars, "the question")
    if isinstance(text, Rejected):
        return text
    if (missing := ctx.panelist_exists(request.panelist_id)) is not None:
        return missing
    if actor.role != "host" and identity is not None:
        recent = [t for t in identity.ask_times if t > ctx.now - ASK_WINDOW_MS]
        if len(recent) >= ASKS_PER_MINUTE:
            wait_s = max(1, -(-(recent[0] + ASK_WINDOW_MS - ctx.now) // 1000))
            return Rejected("rate_limited", f"rate limited: you can ask again in {wait_s} s")
    question_id = state.next_question_id()
    return _one(
        ev.QuestionAsked(
            seq=ctx.seq(),
            at=ctx.now,
            question_id=question_id,
            text=text,
            status="pending" if state.settings.moderation else "open",
            author_id=actor.id,
            author_name=None if request.anonymous or identity is None else identity.name,
            panelist_id=request.panelist_id,
            nonce=request.nonce,
        ),
        question_id,
    )


def _votable(question: Question) -> Rejected | None:
    if question.status not in ("open", "answering"):
        return Rejected(
            "invalid_state",
            f"question {question.id} is {question.status}: only open questions take votes",
        )
    return None


@_decide.register
def _(request: p.Vote, ctx: _Context) -> Decision:
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    if (refused := _votable(question)) is not None:
        return refused
    if ctx.actor.id in question.voters:
        return Accepted()
    return _one(
        ev.VoteAdded(
            seq=ctx.seq(), at=ctx.now, question_id=question.id, voter_id=ctx.actor.id or ""
        )
    )


@_decide.register
def _(request: p.Unvote, ctx: _Context) -> Decision:
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    if (refused := _votable(question)) is not None:
        return refused
    if ctx.actor.id not in question.voters:
        return Accepted()
    return _one(
        ev.VoteRemoved(
            seq=ctx.seq(), at=ctx.now, question_id=question.id, voter_id=ctx.actor.id or ""
        )
    )


@_decide.register
def _(request: p.Withdraw, ctx: _Context) -> Decision:
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    if question.author_id != ctx.actor.id:
        return Rejected("forbidden", "you can only withdraw your own questions")
    if question.status not in ("pending", "open"):
        return Rejected(
            "invalid_state",
            f"question {question.id} is {question.status} already: "
            "only a pending or open question can be withdrawn",
        )
    return _one(ev.QuestionWithdrawn(seq=ctx.seq(), at=ctx.now, question_id=question.id))


_QuestionEvent = (
    type[ev.QuestionApproved]
    | type[ev.QuestionDismissed]
    | type[ev.QuestionRestored]
    | type[ev.QuestionAnswered]
    | type[ev.QuestionReopened]
)
_TRANSITIONS: dict[type, tuple[frozenset[str], _QuestionEvent]] = {
    p.Approve: (frozenset({"pending"}), ev.QuestionApproved),
    p.Dismiss: (frozenset({"pending", "open", "answering", "answered"}), ev.QuestionDismissed),
    p.Restore: (frozenset({"dismissed"}), ev.QuestionRestored),
    p.MarkAnswered: (frozenset({"open", "answering"}), ev.QuestionAnswered),
    p.Reopen: (frozenset({"answered"}), ev.QuestionReopened),
}
"""Host requests that only move a question from some statuses to one other."""


def _transition(request: p.Approve, ctx: _Context) -> Decision:
    allowed, event_type = _TRANSITIONS[type(request)]
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    if question.status not in allowed:
        verb = request.__struct_config__.tag
        return Rejected(
            "invalid_state", f"cannot {verb} question {question.id}: it is {question.status}"
        )
    return Accepted(stage.move_question(ctx.state, ctx.now, event_type, question.id))


for _request_type in _TRANSITIONS:
    _decide.register(_request_type, _transition)


@_decide.register
def _(request: p.Edit, ctx: _Context) -> Decision:
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    text = clean_text(request.text, ctx.state.settings.max_question_chars, "the question")
    if isinstance(text, Rejected):
        return text
    if text == question.text:
        return Accepted()
    return _one(ev.QuestionEdited(seq=ctx.seq(), at=ctx.now, question_id=question.id, text=text))


@_decide.register
def _(request: p.SetNow, ctx: _Context) -> Decision:
    if (missing := ctx.panelist_exists(request.panelist_id)) is not None:
        return missing
    seconds = ctx.timer_seconds(request.seconds)
    if isinstance(seconds, Rejected):
        return seconds
    if request.question_id is not None:
        question = ctx.question(request.question_id)
        if isinstance(question, Rejected):
            return question
        if question.status not in ("pending", "open", "answered"):
            return Rejected(
                "invalid_state",
                f"question {question.id} is {question.status}: it cannot go on stage",
            )
    timer_ms = seconds * 1000 if request.timer else None
    return Accepted(
        stage.set_now(ctx.state, ctx.now, request.question_id, request.panelist_id, timer_ms)
    )


@_decide.register
def _(request: p.TimerRequest, ctx: _Context) -> Decision:
    timer, base = ctx.state.timer, {"seq": ctx.seq(), "at": ctx.now}
    if request.action == "start":
        seconds = ctx.timer_seconds(request.seconds)
        if isinstance(seconds, Rejected):
            return seconds
        if (missing := ctx.panelist_exists(request.panelist_id)) is not None:
            return missing
        panelist_id = request.panelist_id
        if panelist_id is None:
            panelist_id = ctx.state.now_panelist_id or timer.panelist_id
            if ctx.panelist_exists(panelist_id) is not None:
                panelist_id = None  # the last timer's panelist has left the panel since
        return _one(ev.TimerStarted(**base, panelist_id=panelist_id, duration_ms=seconds * 1000))
    if request.action == "pause":
        if timer.state != "running":
            return Rejected(
                "invalid_state", f"the timer is {timer.state}, not running: start it first"
            )
        return _one(ev.TimerPaused(**base))
    if request.action == "resume":
        if timer.state != "paused":
            return Rejected(
                "invalid_state", f"the timer is {timer.state}, not paused: nothing to resume"
            )
        return _one(ev.TimerResumed(**base))
    if request.action == "reset":
        return _one(ev.TimerReset(seq=ctx.seq(), at=ctx.now))
    if timer.state == "idle":
        return Rejected("invalid_state", "the timer is idle: start it before adding time")
    if request.seconds is None or abs(request.seconds) > TIMER_SECONDS_MAX:
        return Rejected("bad_request", "add needs `seconds` (negative to take time away)")
    return _one(ev.TimerAdjusted(**base, delta_ms=request.seconds * 1000))


@_decide.register
def _(request: p.PanelistAdd, ctx: _Context) -> Decision:
    name = clean_text(request.name, PANELIST_NAME_MAX, "the panelist's name")
    if isinstance(name, Rejected):
        return name
    title: str | None = None
    if request.title is not None and normalize(request.title):
        cleaned = clean_text(request.title, PANELIST_TITLE_MAX, "the panelist's title")
        if isinstance(cleaned, Rejected):
            return cleaned
        title = cleaned
    panelist_id = ctx.state.next_panelist_id()
    return _one(
        ev.PanelistAdded(
            seq=ctx.seq(), at=ctx.now, panelist_id=panelist_id, name=name, title=title
        ),
        panelist_id,
    )


@_decide.register
def _(request: p.PanelistRemove, ctx: _Context) -> Decision:
    if (missing := ctx.panelist_exists(request.panelist_id)) is not None:
        return missing
    state = ctx.state
    if request.panelist_id == state.now_panelist_id:
        return Rejected("invalid_state", "that panelist is on stage: clear the stage first")
    if request.panelist_id == state.timer.panelist_id and state.timer.state != "idle":
        return Rejected("invalid_state", "the timer is that panelist's: reset it first")
    return _one(ev.PanelistRemoved(seq=ctx.seq(), at=ctx.now, panelist_id=request.panelist_id))


@_decide.register
def _(request: p.NoteRequest, ctx: _Context) -> Decision:
    text = clean_text(request.text, NOTE_MAX, "the note")
    if isinstance(text, Rejected):
        return text
    if request.question_id is not None:
        question = ctx.question(request.question_id)
        if isinstance(question, Rejected):
            return question
    note_id = ctx.state.next_note_id()
    return _one(
        ev.NoteTaken(
            seq=ctx.seq(), at=ctx.now, note_id=note_id, question_id=request.question_id, text=text
        ),
        note_id,
    )


@_decide.register
def _(request: p.SettingsRequest, ctx: _Context) -> Decision:
    title: str | None = None
    if request.title is not None:
        cleaned = clean_text(request.title, TITLE_MAX, "the title")
        if isinstance(cleaned, Rejected):
            return cleaned
        title = cleaned
    low, high = ANSWER_SECONDS
    if request.answer_seconds is not None and not low <= request.answer_seconds <= high:
        return Rejected("bad_request", f"answer_seconds must be {low} to {high}")
    fields = (request.moderation, request.anonymous_allowed, request.answer_seconds)
    if title is None and all(value is None for value in fields):
        return Accepted()  # nothing to change
    return _one(
        ev.SettingsChanged(
            seq=ctx.seq(),
            at=ctx.now,
            title=title,
            moderation=request.moderation,
            anonymous_allowed=request.anonymous_allowed,
            answer_seconds=request.answer_seconds,
        )
    )


@_decide.register
def _(request: p.End, ctx: _Context) -> Decision:
    return _one(ev.SessionEnded(seq=ctx.seq(), at=ctx.now))


@_decide.register
def _(request: p.GoLive, ctx: _Context) -> Decision:
    event = early.go_live(ctx.state, ctx.now)
    return Rejected("invalid_state", event) if isinstance(event, str) else _one(event)


def _offers(rule: Callable[..., ev.Event], *args: object) -> Decision:
    """Run one of core/offers.py's rules; its refusal becomes a `Rejected`."""
    try:
        event = rule(*args)
    except offers.Refusal as refusal:
        return Rejected(refusal.code, refusal.message)  # type: ignore[arg-type]
    return _one(event, offers.new_id(event))


@_decide.register
def _(request: p.OfferRequest, ctx: _Context) -> Decision:
    args = (request.panelist_id, request.text, request.places)
    return _offers(offers.make_offer, ctx.state, ctx.now, *args)


@_decide.register
def _(request: p.OfferRemove, ctx: _Context) -> Decision:
    return _offers(offers.remove_offer, ctx.state, ctx.now, request.offer_id)


@_decide.register
def _(request: p.FollowUpRequest, ctx: _Context) -> Decision:
    args = (request.offer_id, request.panelist_id, request.message, request.email)
    return _offers(offers.ask_follow_up, ctx.state, ctx.now, ctx.actor.id or "", *args)


@_decide.register
def _(request: p.FollowUpWithdraw, ctx: _Context) -> Decision:
    args = (ctx.actor.id or "", request.follow_up_id)
    return _offers(offers.withdraw_follow_up, ctx.state, ctx.now, *args)


def create_identity(
    state: State, identity_id: str, role: p.Role, name: str, token_hash: str | None, now: int
) -> ev.IdentityCreated:
    """The event that creates a new identity (the hub has already checked the hello)."""
    return ev.IdentityCreated(
        seq=state.seq + 1,
        at=now,
        identity_id=identity_id,
        role=role,
        name=name,
        token_hash=token_hash,
    )
