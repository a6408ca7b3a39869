"""Queue order, the same in every client: PROTOCOL.md's "Queue order"."""

from __future__ import annotations

from panelhost.core.model import Question, State

QUEUE_STATUSES = ("answering", "open", "answered")
_GROUP = {"answering": 0, "open": 1, "answered": 2}


def queue_key(
    status: str, votes: int, asked_at: int, answered_at: int | None, question_id: int
) -> tuple[int, int, int, int]:
    """Answering first; open by votes (most first), then oldest; answered, latest first.

    Times are ms since the epoch. The id breaks the last ties (same millisecond).
    """
    group = _GROUP[status]
    if group == 1:
        return (1, -votes, asked_at, question_id)
    if group == 2:
        return (2, -(answered_at or 0), 0, question_id)
    return (0, asked_at, 0, question_id)


def _key(question: Question) -> tuple[int, int, int, int]:
    return queue_key(
        question.status, question.votes, question.asked_at, question.answered_at, question.id
    )


def ordered_queue(state: State) -> list[Question]:
    """The public queue (answering, open, answered) in protocol order."""
    return sorted((q for q in state.questions.values() if q.status in _GROUP), key=_key)


def oldest_first(state: State, status: str) -> list[Question]:
    """A host's separate list (pending or dismissed): oldest first, which is id order."""
    return [q for q in state.questions.values() if q.status == status]
