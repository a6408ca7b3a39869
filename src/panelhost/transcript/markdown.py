"""The Markdown export: notes of a session, ready to share (all participant text escaped)."""

from __future__ import annotations

from datetime import tzinfo

from panelhost.durations import duration
from panelhost.transcript.model import NoteRecord, QuestionRecord, Transcript
from panelhost.transcript.plaintext import markdown, moment
from panelhost.transcript.questions import ANSWERED, answer_order, answerers, speaking_by_panelist


def export_markdown(transcript: Transcript, zone: tzinfo | None = None) -> str:
    """The session as Markdown: panel, answered questions with notes, the rest by votes.

    The start is shown in `zone` (the local time zone when None) with its UTC offset.
    """
    session = transcript.session
    names = {p.id: markdown(p.name) for p in transcript.panelists}
    answered = sorted((q for q in transcript.questions if q.status in ANSWERED), key=answer_order)
    unanswered = sorted(
        (q for q in transcript.questions if q.status == "open"),
        key=lambda q: (-q.votes, q.asked_at, q.id),
    )
    shown = {q.id for q in answered} | {q.id for q in unanswered}
    notes_by_question: dict[int, list[NoteRecord]] = {}
    general_notes = []
    for note in transcript.notes:
        if note.question_id in shown:
            notes_by_question.setdefault(note.question_id, []).append(note)
        else:
            general_notes.append(note)

    # live (exported from its journal) or its hub stopped without `end`: it cannot tell which
    ended = "" if session.ended_at is not None else " (not ended)"
    lines = [
        f"# {markdown(session.title)}",
        "",
        f"{moment(session.started_at, zone)} · {duration(session.duration_ms)}{ended} · "
        f"{_count(len(answered), 'question')} answered · "
        f"{_count(len(unanswered), 'question')} left open",
        "",
        "## The panel",
        "",
    ]
    for panelist in transcript.panelists:
        title = f", {markdown(panelist.title)}" if panelist.title else ""
        left = " (left the panel)" if panelist.removed else ""
        lines.append(
            f"- **{names[panelist.id]}**{title}{left}: {_count(panelist.answers, 'answer')}, "
            f"{duration(panelist.spoken_ms)} speaking"
        )
    if not transcript.panelists:
        lines.append("No panelists were added.")

    lines += ["", "## Answered questions", ""]
    for number, question in enumerate(answered, start=1):
        lines += [f"### {number}. {markdown(question.text)}", "", _byline(question, names)]
        speakers = speaking_by_panelist(transcript, question.id)
        if answered_by := answerers(question, speakers):
            parts = [
                names.get(pid, f"panelist {pid}")
                + (f" ({duration(speakers[pid])})" if pid in speakers else "")
                for pid in answered_by
            ]
            lines += ["", "Answered by " + ", ".join(parts) + "."]
        lines += _note_list(notes_by_question.get(question.id, []))
        lines.append("")
    if not answered:
        lines += ["No questions were answered.", ""]

    lines += ["## Unanswered questions", ""]
    for number, question in enumerate(unanswered, start=1):
        lines.append(f"{number}. {markdown(question.text)} ({_byline(question, names)})")
        lines += [f"    - {markdown(n.text)}" for n in notes_by_question.get(question.id, [])]
    if not unanswered:
        lines.append("None: every question was answered.")

    lines += ["", "## General notes", ""]
    lines += [f"- {markdown(n.text)}" for n in general_notes] or ["No general notes."]
    return "\n".join(lines) + "\n"


def _byline(question: QuestionRecord, names: dict[int, str]) -> str:
    author = f"by {markdown(question.author)}" if question.author else "anonymously"
    to = ""
    if question.panelist_id is not None:
        to = f" to {names.get(question.panelist_id, f'panelist {question.panelist_id}')}"
    return f"Asked {author}{to} · {_count(question.votes, 'vote')}"


def _note_list(notes: list[NoteRecord]) -> list[str]:
    if not notes:
        return []
    return ["", *(f"- {markdown(n.text)}" for n in notes)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
