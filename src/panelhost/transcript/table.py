"""The CSV export: one row per question (spreadsheet-safe plain text)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, tzinfo

from panelhost.core.clock import rfc3339
from panelhost.core.durations import elapsed
from panelhost.transcript.model import QuestionRecord, Transcript
from panelhost.transcript.plaintext import csv_cell
from panelhost.transcript.questions import ANSWERED, answer_order, final_status, question_facts

COLUMNS = (
    "question_id",
    "status",
    "text",
    "author",
    "votes",
    "asked_at",
    "answered_at",
    "on_stage_at",
    "since_start",
    "addressed_to",
    "answered_by",
    "speaking_seconds",
    "notes",
    "asked_before_panel",
)


def export_csv(transcript: Transcript, zone: tzinfo | None = None) -> str:
    """Every question (dismissed and pending included) with its final state and notes.

    `on_stage_at` is local time in `zone` (the local time zone when None) with its offset.
    """
    facts = question_facts(transcript)
    started = transcript.session.started_at
    names = {p.id: p.name for p in transcript.panelists}
    notes: dict[int, list[str]] = {}
    for note in transcript.notes:
        if note.question_id is not None:
            notes.setdefault(note.question_id, []).append(note.text)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for q in transcript.questions:
        speakers = facts.speakers[q.id]
        on_stage = _on_stage(q)
        writer.writerow(
            [
                q.id,
                final_status(q, facts.withdrawn),
                csv_cell(q.text),
                csv_cell(q.author or ""),
                q.votes,
                rfc3339(q.asked_at),
                "" if q.answered_at is None else rfc3339(q.answered_at),
                "" if on_stage is None else _local_rfc3339(on_stage, zone),
                "" if on_stage is None else elapsed(on_stage - started),
                "" if q.panelist_id is None else csv_cell(names.get(q.panelist_id, "")),
                "; ".join(csv_cell(names.get(p, f"panelist {p}")) for p in facts.answered_by[q.id]),
                sum(speakers.values()) // 1000,
                csv_cell(" | ".join(notes.get(q.id, []))),
                "yes" if q.asked_early else "",
            ]
        )
    return out.getvalue()


def _on_stage(question: QuestionRecord) -> int | None:
    """When an answered (or reopened) question first went on stage; None if it never did."""
    if question.status in ANSWERED or question.answered_by:
        return answer_order(question)
    return None


def _local_rfc3339(ms: int, zone: tzinfo | None) -> str:
    when = datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone)
    return when.isoformat(timespec="seconds")
