"""The CSV export: one row per question (spreadsheet-safe plain text)."""

from __future__ import annotations

import csv
import io

from panelhost.core.clock import rfc3339
from panelhost.transcript.model import Transcript
from panelhost.transcript.plaintext import csv_cell
from panelhost.transcript.questions import answerers, speaking_by_panelist

COLUMNS = (
    "question_id",
    "status",
    "text",
    "author",
    "votes",
    "asked_at",
    "answered_at",
    "addressed_to",
    "answered_by",
    "speaking_seconds",
    "notes",
)


def export_csv(transcript: Transcript) -> str:
    """Every question (dismissed and pending included) with its final state and notes."""
    names = {p.id: p.name for p in transcript.panelists}
    notes: dict[int, list[str]] = {}
    for note in transcript.notes:
        if note.question_id is not None:
            notes.setdefault(note.question_id, []).append(note.text)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for q in transcript.questions:
        speakers = speaking_by_panelist(transcript, q.id)
        writer.writerow(
            [
                q.id,
                q.status,
                csv_cell(q.text),
                csv_cell(q.author or ""),
                q.votes,
                rfc3339(q.asked_at),
                "" if q.answered_at is None else rfc3339(q.answered_at),
                "" if q.panelist_id is None else csv_cell(names.get(q.panelist_id, "")),
                "; ".join(csv_cell(names.get(p, f"panelist {p}")) for p in answerers(q, speakers)),
                sum(speakers.values()) // 1000,
                csv_cell(" | ".join(notes.get(q.id, []))),
            ]
        )
    return out.getvalue()
