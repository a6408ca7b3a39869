"""What a replay shows about the whole session at once: its span, stage marks, votes over time."""

from __future__ import annotations

from dataclasses import dataclass

from panelhost.core import events as ev
from panelhost.transcript import Transcript

BUCKETS_MS = (1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000)
"""Widths of the votes-over-time buckets; the narrowest that gives at most 120 buckets."""


@dataclass(frozen=True, slots=True)
class ReplayFacts:
    """Facts of the whole timeline, gathered in one pass over its events."""

    start: int
    """When the session started (wall-clock ms): the left end of the timeline."""
    end: int
    """When it ended, or its last event: the right end."""
    stage_marks: tuple[int, ...]
    """Times a question went on stage: the dots on the timeline."""
    votes_per_bucket: tuple[int, ...]
    """Votes cast in each `bucket_ms` of the session."""
    bucket_ms: int
    asked_at: dict[int, int]
    """Question id -> when it was asked."""
    first_on_stage: dict[int, int]
    """Question id -> when it first went on stage."""
    dismissals: dict[int, list[tuple[int, bool]]]
    """Question id -> (when, by its author?) for each withdrawal or dismissal, in order."""

    @property
    def duration(self) -> int:
        return self.end - self.start

    def withdrawn(self, question_id: int, at: int) -> bool:
        """Whether a question dismissed at `at` was withdrawn by its author (not a host)."""
        latest = False
        for when, by_author in self.dismissals.get(question_id, ()):
            if when <= at:
                latest = by_author
        return latest

    def moment_of(self, question_id: int) -> int | None:
        """Where "go to question" lands: when it first went on stage, else when it was asked."""
        return self.first_on_stage.get(question_id, self.asked_at.get(question_id))


def gather_facts(transcript: Transcript) -> ReplayFacts:
    """The facts of a transcript's timeline."""
    session = transcript.session
    start = session.started_at
    end = max(start, session.last_event_at, session.ended_at or 0)
    marks: list[int] = []
    bucket = next((b for b in BUCKETS_MS if (end - start) // b < 120), BUCKETS_MS[-1])
    votes = [0] * (1 + (end - start) // bucket)
    asked_at: dict[int, int] = {}
    on_stage: dict[int, int] = {}
    dismissals: dict[int, list[tuple[int, bool]]] = {}
    for event in transcript.events:
        # isinstance narrows the event union; no concrete event subclasses another.
        if isinstance(event, ev.VoteAdded):
            votes[min(len(votes) - 1, max(0, (event.at - start) // bucket))] += 1
        elif isinstance(event, ev.QuestionAsked):
            asked_at[event.question_id] = event.at
        elif isinstance(event, ev.NowSet) and event.question_id is not None:
            marks.append(event.at)
            on_stage.setdefault(event.question_id, event.at)
        elif isinstance(event, ev.QuestionWithdrawn | ev.QuestionDismissed):
            by_author = isinstance(event, ev.QuestionWithdrawn)
            dismissals.setdefault(event.question_id, []).append((event.at, by_author))
    return ReplayFacts(
        start, end, tuple(marks), tuple(votes), bucket, asked_at, on_stage, dismissals
    )
