"""What the participant's list and detail pane say about a question, as plain strings.

Pure (no Textual): the list's cells, the widths that fit them whole, and the detail
lines. Hub text stays plain text; the widgets wrap it in `rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import STATUS_WORDS, author_words, printable
from panelhost.core.early import ASKED_EARLY_MARK, ASKED_EARLY_WORDS
from panelhost.tui.widgets.queue import age_words

LIST_STATUS_WORDS = {**STATUS_WORDS, "answering": "on stage"}
"""The screen says "on stage" like its header, the projector and the host."""
WITHDRAWN = "withdrawn"
WHO_MAX = len("awaiting approval")
"""The last column's widest form: a status word whole; a long name is cut with "…"."""
TEXT_MIN = 12

Row = tuple[str, str, str, str, str]
"""Q id, votes, marks, text, author or status."""


def rows_of(mirror: Mirror) -> list[p.Question]:
    """What the list shows, in order: the queue, then my own questions nobody else sees."""
    hidden_mine = [q for q in mirror.mine() if q.status in ("pending", "dismissed")]
    return mirror.queue() + hidden_mine


def status_words(question: p.Question, withdrawn: Collection[int]) -> str:
    """`on stage`, `answered`, `awaiting approval`, `withdrawn`, `dismissed` or `open`.

    The wire says `dismissed` for both; a question I withdrew here is `withdrawn`.
    """
    if question.status == "dismissed" and question.id in withdrawn:
        return WITHDRAWN
    return LIST_STATUS_WORDS[question.status]


def marks_of(mirror: Mirror, question: p.Question) -> str:
    marks = []
    if question.id in mirror.my_questions:
        marks.append("mine")
    if question.id in mirror.my_votes:
        marks.append("voted")
    if question.asked_early:
        marks.append(ASKED_EARLY_MARK)
    return " ".join(marks)


def author_of(mirror: Mirror, question: p.Question) -> str:
    if question.id in mirror.my_questions:
        return "you, anonymously" if question.author is None else "you"
    return author_words(question.author)


def cells_of(
    mirror: Mirror, question: p.Question, votes_width: int, withdrawn: Collection[int]
) -> Row:
    """A question's cells; open questions show who asked, the others their status."""
    if question.status == "open":
        who = "anonymous" if question.author is None else author_of(mirror, question)
    else:
        who = status_words(question, withdrawn)
    return (
        f"Q{question.id}",
        f"▲{question.votes:>{votes_width}}",
        marks_of(mirror, question),
        printable(question.text),
        who,
    )


@dataclass(frozen=True, slots=True)
class Widths:
    """Column widths: every cell but the question's text fits whole; the text takes the rest."""

    id: int
    votes: int
    marks: int
    text: int
    who: int


def widths_for(rows: Sequence[Row], total: int, padding: int) -> Widths:
    """Widths for `rows` in `total` columns, with `padding` on each side of every cell."""
    id_width = max((len(row[0]) for row in rows), default=2)
    votes = max((len(row[1]) for row in rows), default=3)
    marks = max((len(row[2]) for row in rows), default=0)
    who = min(WHO_MAX, max((len(row[4]) for row in rows), default=0))
    fixed = id_width + votes + marks + who + 2 * padding * 5
    return Widths(id_width, votes, marks, max(TEXT_MIN, total - fixed), who)


def votes_digits(questions: Sequence[p.Question]) -> int:
    """Digits of the largest count (at least two): `▲ 9` above `▲14`, `▲99999` whole."""
    return max(2, *(len(str(q.votes)) for q in questions)) if questions else 2


def votes_words(votes: int) -> str:
    return f"{votes:,} vote" + ("" if votes == 1 else "s")


def detail_words(
    mirror: Mirror, question: p.Question, withdrawn: Collection[int], now_wall_ms: int
) -> tuple[str, str]:
    """The detail pane's two parts: `Q5 · 9 votes · anonymous · to Dr. Chen · open · asked
    5m ago` (with `you voted` when I did), and the question's whole text."""
    parts = [f"Q{question.id}", votes_words(question.votes)]
    if question.id in mirror.my_votes:
        parts.append("you voted")
    parts.append(author_of(mirror, question))
    panelist = mirror.panelist(question.panelist_id)
    if panelist is not None:
        parts.append(f"to {printable(panelist.name)}")
    parts.append(status_words(question, withdrawn))
    age = age_words(now_wall_ms - mirror.asked_ms(question.id))
    parts.append("asked just now" if age == "now" else f"asked {age} ago")
    if question.asked_early:
        parts.append(ASKED_EARLY_WORDS)
    return " · ".join(parts), printable(question.text)
