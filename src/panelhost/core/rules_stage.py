"""The rules of the stage and the speaker timer (`stage.py` moves them together)."""

from __future__ import annotations

from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core import stage
from panelhost.core.decision import (
    TIMER_SECONDS_MAX,
    Accepted,
    Context,
    Decision,
    Rejected,
    handle,
    one,
)


@handle.register
def _(request: p.SetNow, ctx: Context) -> Decision:
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


@handle.register
def _(request: p.TimerRequest, ctx: Context) -> Decision:
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
        return one(ev.TimerStarted(**base, panelist_id=panelist_id, duration_ms=seconds * 1000))
    if request.action == "pause":
        if timer.state != "running":
            return Rejected(
                "invalid_state", f"the timer is {timer.state}, not running: start it first"
            )
        return one(ev.TimerPaused(**base))
    if request.action == "resume":
        if timer.state != "paused":
            return Rejected(
                "invalid_state", f"the timer is {timer.state}, not paused: nothing to resume"
            )
        return one(ev.TimerResumed(**base))
    if request.action == "reset":
        return one(ev.TimerReset(seq=ctx.seq(), at=ctx.now))
    if timer.state == "idle":
        return Rejected("invalid_state", "the timer is idle: start it before adding time")
    if request.seconds is None or abs(request.seconds) > TIMER_SECONDS_MAX:
        return Rejected("bad_request", "add needs `seconds` (negative to take time away)")
    return one(ev.TimerAdjusted(**base, delta_ms=request.seconds * 1000))
