"""Facts about a transcript's questions that the exports share: who answered, when, what became
of the rest."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from panelhost.core import events as ev
from panelhost.transcript.model import QuestionRecord, Transcript

ANSWERED = ("answering", "answered")
"""A question still on stage when the session stopped counts as answered."""


def answer_order(question: QuestionRecord) -> int:
    """When the question first went on stage (or was marked answered): the order of answering."""
    for change in question.history:
        if change.status in ANSWERED:
            return change.at
    return question.answered_at or question.asked_at


def times_reopened(question: QuestionRecord) -> int:
    """How often a host reopened the question after it was answered."""
    statuses = [change.status for change in question.history]
    return sum(1 for pair in itertools.pairwise(statuses) if pair == ("answered", "open"))


def speaking_by_panelist(transcript: Transcript, question_id: int) -> dict[int, int]:
    """Closed speaking time per panelist while `question_id` was on stage."""
    totals: dict[int, int] = {}
    for segment in transcript.segments:
        if segment.question_id == question_id and segment.end is not None:
            spoken = max(0, segment.end - segment.start)
            totals[segment.panelist_id] = totals.get(segment.panelist_id, 0) + spoken
    return totals


def answerers(question: QuestionRecord, speakers: dict[int, int]) -> list[int]:
    """Panelists put on stage with the question, then any others whose timer ran during it."""
    return list(question.answered_by) + [p for p in speakers if p not in question.answered_by]


def withdrawn_ids(transcript: Transcript) -> set[int]:
    """Questions that are dismissed because their author withdrew them (not a host)."""
    withdrawn: set[int] = set()
    for event in transcript.events:
        if isinstance(event, ev.QuestionWithdrawn):
            withdrawn.add(event.question_id)
        elif isinstance(event, ev.QuestionDismissed | ev.QuestionRestored):
            withdrawn.discard(event.question_id)
    return {q.id for q in transcript.questions if q.status == "dismissed" and q.id in withdrawn}


def final_status(question: QuestionRecord, withdrawn: set[int]) -> str:
    """The status readers see: `withdrawn` apart from `dismissed` (both dismissed in the core)."""
    return "withdrawn" if question.id in withdrawn else question.status


@dataclass(slots=True)
class QuestionFacts:
    """Each question's answerers and speaking time, and how many questions each panelist
    answered as the notes list them (a reopened question still credits who answered it)."""

    speakers: dict[int, dict[int, int]] = field(default_factory=dict)
    """Question id -> panelist id -> speaking time (ms) while it was on stage."""
    answered_by: dict[int, list[int]] = field(default_factory=dict)
    """Question id -> panelists who answered it, in order (none: never answered)."""
    answers: dict[int, int] = field(default_factory=dict)
    """Panelist id -> how many questions they answered."""
    withdrawn: set[int] = field(default_factory=set)


def question_facts(transcript: Transcript) -> QuestionFacts:
    """Who answered what, from the stage history and the timer segments."""
    facts = QuestionFacts(withdrawn=withdrawn_ids(transcript))
    for question in transcript.questions:
        speakers = speaking_by_panelist(transcript, question.id)
        facts.speakers[question.id] = speakers
        answered_by = answerers(question, speakers)
        facts.answered_by[question.id] = answered_by
        if question.status in ANSWERED or question.status == "open":
            for panelist_id in answered_by:
                facts.answers[panelist_id] = facts.answers.get(panelist_id, 0) + 1
    return facts
