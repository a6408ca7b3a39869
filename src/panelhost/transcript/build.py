"""`build_transcript(events)`: sanitize a journal's events and summarise the folded state."""

from __future__ import annotations

import typing
from collections.abc import Sequence

import msgspec

from panelhost.core import events as ev
from panelhost.core.delta import Delta
from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.transcript.model import (
    FORMAT,
    VERSION,
    NoteRecord,
    OfferRecord,
    PanelistRecord,
    QuestionRecord,
    SegmentRecord,
    SessionRecord,
    StatusChange,
    TimelineEvent,
    Transcript,
)


class _Sanitizer:
    """Strips secrets and identities from events; voters become opaque aliases v1, v2, ..."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}

    def alias(self, voter_id: str) -> str:
        alias = self.aliases.get(voter_id)
        if alias is None:
            alias = self.aliases[voter_id] = f"v{len(self.aliases) + 1}"
        return alias

    def clean(self, event: ev.Event) -> TimelineEvent | None:
        """The event as a transcript may hold it, or None when it must not appear at all."""
        if isinstance(event, ev.VoteAdded | ev.VoteRemoved):
            return msgspec.structs.replace(event, voter_id=self.alias(event.voter_id))
        if isinstance(event, ev.IdentityCreated):
            return None
        if isinstance(event, ev.QuestionAsked):
            return msgspec.structs.replace(event, author_id=None, nonce=None)
        if isinstance(event, ev.SessionCreated):
            return msgspec.structs.replace(event, code=None, key_hash=None)
        if not isinstance(event, _TIMELINE_TYPES):
            return None  # not public: e.g. a participant's follow-up and contact details
        return event


_TIMELINE_TYPES = typing.get_args(TimelineEvent)


def sanitize_events(events: Sequence[ev.Event]) -> list[TimelineEvent]:
    """The timeline a transcript holds: no identities, tokens, codes, key hashes or author ids."""
    sanitizer = _Sanitizer()
    cleaned = (sanitizer.clean(event) for event in events)
    return [event for event in cleaned if event is not None]


class _History:
    """Follows each question's status while the events are folded."""

    def __init__(self) -> None:
        self.changes: dict[int, list[StatusChange]] = {}
        self.stage: dict[int, list[int]] = {}

    def after(self, state: State, event: ev.Event, touched: Delta) -> None:
        """Record the statuses of the questions `event` touched, read after applying it."""
        for question_id in touched.questions:
            question = state.questions.get(question_id)
            if question is None:
                continue
            changes = self.changes.setdefault(question_id, [])
            if not changes or changes[-1].status != question.status:
                changes.append(StatusChange(seq=event.seq, at=event.at, status=question.status))
        if isinstance(event, ev.NowSet) and event.question_id is not None:
            panelists = self.stage.setdefault(event.question_id, [])
            if event.panelist_id is not None and event.panelist_id not in panelists:
                panelists.append(event.panelist_id)


def build_transcript(events: Sequence[ev.Event]) -> Transcript:
    """The transcript of a session from its journaled events (the first is `session_created`)."""
    if not events or not isinstance(events[0], ev.SessionCreated):
        raise ValueError("a session's events start with session_created")
    state = State()
    history = _History()
    for event in events:
        touched = Delta()
        apply(state, event, touched)
        if touched.questions:
            history.after(state, event, touched)
    return _summarise(state, events[-1].at, history, sanitize_events(events))


def _summarise(
    state: State, last_event_at: int, history: _History, timeline: list[TimelineEvent]
) -> Transcript:
    spoken_by_question: dict[int, int] = {}
    for segment in state.segments:
        if segment.end is not None and segment.question_id is not None:
            spoken = max(0, segment.end - segment.start)
            spoken_by_question[segment.question_id] = (
                spoken_by_question.get(segment.question_id, 0) + spoken
            )
    end = state.ended_at if state.ended_at is not None else last_event_at
    return Transcript(
        format=FORMAT,
        version=VERSION,
        session=SessionRecord(
            id=state.session_id,
            title=state.title,
            started_at=state.started_at,
            ended_at=state.ended_at,
            last_event_at=last_event_at,
            duration_ms=max(0, end - state.started_at),
            settings=state.settings,  # frozen: shared, not copied
            participants=sum(1 for i in state.identities.values() if i.role == "participant"),
            opened_at=state.opened_at,
        ),
        panelists=[
            PanelistRecord(
                id=p.id,
                name=p.name,
                title=p.title,
                removed=p.removed,
                spoken_ms=p.spoken_ms,
                answers=p.answers,
            )
            for p in state.panelists.values()
        ],
        questions=[
            QuestionRecord(
                id=q.id,
                text=q.text,
                author=q.author_name,
                status=q.status,
                votes=q.votes,
                asked_at=q.asked_at,
                answered_at=q.answered_at,
                panelist_id=q.panelist_id,
                answered_by=history.stage.get(q.id, []),
                spoken_ms=spoken_by_question.get(q.id, 0),
                history=history.changes.get(q.id, []),
                asked_early=q.asked_early,
            )
            for q in state.questions.values()
        ],
        notes=[
            NoteRecord(id=n.id, question_id=n.question_id, text=n.text, at=n.at)
            for n in state.notes
        ],
        segments=[
            SegmentRecord(
                panelist_id=s.panelist_id, question_id=s.question_id, start=s.start, end=s.end
            )
            for s in state.segments
        ],
        offers=[
            OfferRecord(
                id=o.id,
                panelist_id=o.panelist_id,
                text=o.text,
                places=o.places,
                at=o.at,
                removed=o.removed,
            )
            for o in state.offers.values()
        ],
        events=timeline,
    )
