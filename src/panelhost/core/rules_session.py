"""The rules of the session around the questions: the panel, notes, settings and the end."""

from __future__ import annotations

from panelhost.core import events as ev
from panelhost.core import requests as p
from panelhost.core.decision import (
    Accepted,
    Context,
    Decision,
    Rejected,
    clean_text,
    handle,
    one,
)
from panelhost.core.text import normalize

PANELIST_NAME_MAX = 60
PANELIST_TITLE_MAX = 100
TITLE_MAX = 100
NOTE_MAX = 2000
ANSWER_SECONDS = (10, 3600)


@handle.register
def _(request: p.PanelistAdd, ctx: Context) -> Decision:
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
    return one(
        ev.PanelistAdded(
            seq=ctx.seq(), at=ctx.now, panelist_id=panelist_id, name=name, title=title
        ),
        panelist_id,
    )


@handle.register
def _(request: p.PanelistRemove, ctx: Context) -> Decision:
    if (missing := ctx.panelist_exists(request.panelist_id)) is not None:
        return missing
    state = ctx.state
    if request.panelist_id == state.now_panelist_id:
        return Rejected("invalid_state", "that panelist is on stage: clear the stage first")
    if request.panelist_id == state.timer.panelist_id and state.timer.state != "idle":
        return Rejected("invalid_state", "the timer is that panelist's: reset it first")
    return one(ev.PanelistRemoved(seq=ctx.seq(), at=ctx.now, panelist_id=request.panelist_id))


@handle.register
def _(request: p.NoteRequest, ctx: Context) -> Decision:
    text = clean_text(request.text, NOTE_MAX, "the note")
    if isinstance(text, Rejected):
        return text
    if request.question_id is not None:
        question = ctx.question(request.question_id)
        if isinstance(question, Rejected):
            return question
    note_id = ctx.state.next_note_id()
    return one(
        ev.NoteTaken(
            seq=ctx.seq(), at=ctx.now, note_id=note_id, question_id=request.question_id, text=text
        ),
        note_id,
    )


@handle.register
def _(request: p.SettingsRequest, ctx: Context) -> Decision:
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
    return one(
        ev.SettingsChanged(
            seq=ctx.seq(),
            at=ctx.now,
            title=title,
            moderation=request.moderation,
            anonymous_allowed=request.anonymous_allowed,
            answer_seconds=request.answer_seconds,
        )
    )


@handle.register
def _(request: p.End, ctx: Context) -> Decision:
    return one(ev.SessionEnded(seq=ctx.seq(), at=ctx.now))
