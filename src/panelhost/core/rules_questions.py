"""The rules of questions: asking, votes, withdrawing, moderation and edits."""

from __future__ import annotations

from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core import stage
from panelhost.core.decision import (
    Accepted,
    Context,
    Decision,
    Rejected,
    clean_text,
    handle,
    one,
)
from panelhost.core.model import ASK_WINDOW_MS, Question

ASKS_PER_MINUTE = 5


@handle.register
def _(request: p.Ask, ctx: Context) -> Decision:
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
    return one(
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


def _set_vote(question_id: int, voted: bool, ctx: Context) -> Decision:
    """Vote (True) or take the vote back (False); asking for what already holds is a no-op."""
    question = ctx.question(question_id)
    if isinstance(question, Rejected):
        return question
    if (refused := _votable(question)) is not None:
        return refused
    voter_id = ctx.actor.id or ""
    if (voter_id in question.voters) == voted:
        return Accepted()
    event = ev.VoteAdded if voted else ev.VoteRemoved
    return one(event(seq=ctx.seq(), at=ctx.now, question_id=question.id, voter_id=voter_id))


@handle.register
def _(request: p.Vote, ctx: Context) -> Decision:
    return _set_vote(request.question_id, True, ctx)


@handle.register
def _(request: p.Unvote, ctx: Context) -> Decision:
    return _set_vote(request.question_id, False, ctx)


@handle.register
def _(request: p.Withdraw, ctx: Context) -> Decision:
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
    return one(ev.QuestionWithdrawn(seq=ctx.seq(), at=ctx.now, question_id=question.id))


_QuestionEvent = (
    type[ev.QuestionApproved]
    | type[ev.QuestionDismissed]
    | type[ev.QuestionRestored]
    | type[ev.QuestionAnswered]
    | type[ev.QuestionReopened]
)
_TRANSITIONS: dict[type, tuple[str, frozenset[str], _QuestionEvent]] = {
    p.Approve: ("approve", frozenset({"pending"}), ev.QuestionApproved),
    p.Dismiss: (
        "dismiss",
        frozenset({"pending", "open", "answering", "answered"}),
        ev.QuestionDismissed,
    ),
    p.Restore: ("restore", frozenset({"dismissed"}), ev.QuestionRestored),
    p.MarkAnswered: ("mark_answered", frozenset({"open", "answering"}), ev.QuestionAnswered),
    p.Reopen: ("reopen", frozenset({"answered"}), ev.QuestionReopened),
}
"""Host requests that only move a question from some statuses to one other: the request's
name (as PROTOCOL.md spells it, for the refusal), the statuses it moves from, its event."""


def _transition(request: p.Approve, ctx: Context) -> Decision:
    verb, allowed, event_type = _TRANSITIONS[type(request)]
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    if question.status not in allowed:
        return Rejected(
            "invalid_state", f"cannot {verb} question {question.id}: it is {question.status}"
        )
    return Accepted(stage.move_question(ctx.state, ctx.now, event_type, question.id))


for _request_type in _TRANSITIONS:
    handle.register(_request_type, _transition)


@handle.register
def _(request: p.Edit, ctx: Context) -> Decision:
    question = ctx.question(request.question_id)
    if isinstance(question, Rejected):
        return question
    text = clean_text(request.text, ctx.state.settings.max_question_chars, "the question")
    if isinstance(text, Rejected):
        return text
    if text == question.text:
        return Accepted()
    return one(ev.QuestionEdited(seq=ctx.seq(), at=ctx.now, question_id=question.id, text=text))
