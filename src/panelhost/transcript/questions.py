"""Facts about a transcript's questions that the exports share."""

from __future__ import annotations

from panelhost.transcript.model import QuestionRecord, Transcript

ANSWERED = ("answering", "answered")
"""A question still on stage when the session stopped counts as answered."""


def answer_order(question: QuestionRecord) -> int:
    """When the question first went on stage (or was marked answered): the order of answering."""
    for change in question.history:
        if change.status in ANSWERED:
            return change.at
    return question.answered_at or question.asked_at


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
