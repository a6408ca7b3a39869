"""The Markdown export: notes of a session for those who missed it (participant text inert)."""

from __future__ import annotations

from datetime import tzinfo

from panelhost.core.durations import duration
from panelhost.transcript.markdown_text import markdown
from panelhost.transcript.model import NoteRecord, QuestionRecord, Transcript
from panelhost.transcript.offers import offer_lines
from panelhost.transcript.plaintext import clock, moment
from panelhost.transcript.questions import (
    ANSWERED,
    QuestionFacts,
    answer_order,
    question_facts,
    times_reopened,
)

GUIDE = (
    "Q7 is question 7 of the session: in `panelhost replay`, press `g` and type 7 to see the "
    "room at that moment. Each answered question shows when it went on stage (local time, "
    "and how long into the session)."
)


def export_markdown(transcript: Transcript, zone: tzinfo | None = None) -> str:
    """The session as Markdown: panel, answered questions with notes, the rest by votes.

    Times are shown in `zone` (the local time zone when None) with their UTC offset.
    """
    session = transcript.session
    facts = question_facts(transcript)
    names = {p.id: markdown(p.name) for p in transcript.panelists}
    questions = transcript.questions
    answered = sorted((q for q in questions if q.status in ANSWERED), key=answer_order)
    unanswered = sorted(
        (q for q in questions if q.status == "open"), key=lambda q: (-q.votes, q.asked_at, q.id)
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
    pending = sum(1 for q in questions if q.status == "pending")
    withdrawn = len(facts.withdrawn)
    dismissed = sum(1 for q in questions if q.status == "dismissed") - withdrawn
    lines = [
        f"# {markdown(session.title)}",
        "",
        f"{moment(session.started_at, zone)} · {duration(session.duration_ms)}{ended} · "
        f"{_count(len(questions), 'question')}: {len(answered)} answered, "
        f"{len(unanswered)} left open, {pending} never approved, "
        f"{withdrawn} withdrawn by {'its author' if withdrawn == 1 else 'their authors'}, "
        f"{dismissed} dismissed by the host",
        "",
        *([f"**Partial notes:** {markdown(session.partial)}.", ""] if session.partial else []),
        GUIDE,
        "",
        "## The panel",
        "",
    ]
    for panelist in transcript.panelists:
        title = f", {markdown(panelist.title)}" if panelist.title else ""
        left = " (left the panel)" if panelist.removed else ""
        answers = facts.answers.get(panelist.id, 0)
        lines.append(
            f"- **{names[panelist.id]}**{title}{left}: {_count(answers, 'answer')}, "
            f"{duration(panelist.spoken_ms)} speaking"
        )
    if not transcript.panelists:
        lines.append("No panelists were added.")

    lines += ["", "## Answered questions", ""]
    for question in answered:
        on_stage = answer_order(question)
        when = (
            f"{clock(on_stage, session.started_at, zone)}, "
            f"{duration(on_stage - session.started_at)} in"
        )
        lines += [
            f"### Q{question.id}. {markdown(question.text)}",
            "",
            f"{when} · {_byline(question, names)}",
        ]
        if credits := _credits(question, facts, names):
            reopened = times_reopened(question)
            again = f"; reopened {_times(reopened)}" if reopened else ""
            lines += ["", f"Answered by {credits}{again}."]
        lines += _note_list(notes_by_question.get(question.id, []))
        lines.append("")
    if not answered:
        lines += ["No questions were answered.", ""]

    lines += ["## Unanswered questions", ""]
    for question in unanswered:
        earlier = ""
        if credits := _credits(question, facts, names):
            earlier = f" · answered by {credits}, then reopened"
        lines.append(
            f"- Q{question.id}. {markdown(question.text)} ({_byline(question, names)}{earlier})"
        )
        lines += [f"  - {markdown(n.text)}" for n in notes_by_question.get(question.id, [])]
    if not unanswered:
        lines.append("None: every question was answered.")

    lines += offer_lines(transcript, names)
    lines += ["", "## General notes", ""]
    lines += [f"- {markdown(n.text)}" for n in general_notes] or ["No general notes."]
    return "\n".join(lines) + "\n"


def _credits(question: QuestionRecord, facts: QuestionFacts, names: dict[int, str]) -> str:
    """`Dr. Chen (1:17), Dr. Osei`: who answered, with their speaking time when it ran."""
    speakers = facts.speakers.get(question.id, {})
    return ", ".join(
        names.get(pid, f"panelist {pid}")
        + (f" ({duration(speakers[pid])})" if pid in speakers else "")
        for pid in facts.answered_by.get(question.id, [])
    )


def _byline(question: QuestionRecord, names: dict[int, str]) -> str:
    author = f"asked by {markdown(question.author)}" if question.author else "asked anonymously"
    to = ""
    if question.panelist_id is not None:
        to = f" to {names.get(question.panelist_id, f'panelist {question.panelist_id}')}"
    early = " · asked before the panel" if question.asked_early else ""
    return f"{author}{to} · {_count(question.votes, 'vote')}{early}"


def _note_list(notes: list[NoteRecord]) -> list[str]:
    if not notes:
        return []
    return ["", *(f"- {markdown(n.text)}" for n in notes)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _times(number: int) -> str:
    return {1: "once", 2: "twice"}.get(number, f"{number} times")
