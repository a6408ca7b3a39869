"""What the plain client says and how it reads `ask`: pure, so each sentence is tested alone."""

from __future__ import annotations

from dataclasses import dataclass

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.sentences import now_sentence, question_line
from panelhost.client.text import as_sentence, error_words, printable
from panelhost.core.early import BEFORE_PANEL_WORDS, OPEN_FOR_QUESTIONS

HELP_LINES = (
    "Commands:",
    "  ask TEXT              ask a question",
    "  ask --anonymous TEXT  ask without your name (also: ask -a TEXT)",
    "  ask -- TEXT           ask TEXT as written, even when it starts like an option",
    "  ask --to N TEXT       ask panelist number N (see: panel)",
    "  vote N                vote for question N",
    "  unvote N              take back your vote on question N",
    "  withdraw N            withdraw your own question N",
    "  list                  the questions, most votes first",
    "  mine                  your own questions and their status",
    "  now                   what is being answered, who speaks, time left",
    "  panel                 the panelists and their numbers",
    "  help                  this list",
    "  quit                  leave (your questions and votes stay)",
)

ANONYMOUS_OPTIONS = ("--anonymous", "-a", "--anon")
TO_OPTIONS = ("--to", "-t")


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class AskLine:
    """An `ask` line read: the text as written, and its options."""

    text: str
    anonymous: bool = False
    panelist_id: int | None = None


def parse_ask(rest: str) -> AskLine | str:
    """`ask [--anonymous] [--to N] [--] TEXT`, or the sentence that says what to type.

    Only the options above are options: any other word, `-` and `-x` included, starts the
    question, and `--` ends the options, so every question can be asked as written.
    """
    anonymous, panelist_id = False, None
    words = rest.split(" ")
    while words:
        word = words[0]
        if word in ANONYMOUS_OPTIONS:
            anonymous = True
        elif word in TO_OPTIONS:
            if len(words) < 2 or not words[1].isdigit() or len(words[1]) > 18:
                return "Give a panelist's number after --to, like: ask --to 2 TEXT (see: panel)"
            panelist_id = int(words.pop(1))
        elif word == "--":
            words.pop(0)
            break
        else:
            break
        words.pop(0)
    text = " ".join(words).strip()
    if not text:
        return "Type your question after ask, like: ask How did you choose EM?"
    return AskLine(text, anonymous, panelist_id)


def joined_line(mirror: Mirror) -> str:
    """`Joined T as Ana: 3 questions in the queue, 1 answered, 4 online. Type help ...`."""
    name = mirror.you.name if mirror.you else "you"
    queue = mirror.queue()
    waiting = sum(1 for q in queue if q.status == "open")
    answered = sum(1 for q in queue if q.status == "answered")
    done = f", {answered} answered" if answered else ""
    early = ""
    if mirror.session is not None and mirror.session.status == OPEN_FOR_QUESTIONS:
        early = f" The session is {BEFORE_PANEL_WORDS}: ask and vote now."
    return (
        f"Joined {printable(mirror.title)} as {printable(name)}: "
        f"{count(waiting, 'question')} in the queue{done}, {mirror.participants} online."
        f"{early} Type help for commands."
    )


def list_lines(mirror: Mirror) -> list[str]:
    """The queue under a count of exactly what follows it, then my questions not in it."""
    queue = mirror.queue()
    hidden = [q for q in mirror.mine() if q.status in ("pending", "dismissed")]
    lines: list[str] = []
    if queue:
        lines.append(f"{count(len(queue), 'question')}, most votes first:")
        lines.extend(question_line(mirror, q) for q in queue)
    elif hidden:
        lines.append("No questions in the queue yet.")
    else:
        lines.append("No questions yet. Ask one with: ask TEXT")
    if hidden:
        yours = "Your question" if len(hidden) == 1 else f"Your {len(hidden)} questions"
        lines.append(f"{yours} not in the queue:")
        lines.extend(question_line(mirror, q) for q in hidden)
    return lines


def mine_lines(mirror: Mirror) -> list[str]:
    """`mine`: my own questions and their status."""
    mine = mirror.mine()
    if not mine:
        return ["You have not asked anything yet. Ask with: ask TEXT"]
    return [question_line(mirror, question) for question in mine]


def now_lines(mirror: Mirror, now: float) -> list[str]:
    """`now`: what is being answered, who speaks and the time left; who is here."""
    return [
        now_sentence(mirror, now),
        f"{printable(mirror.title)}: {mirror.participants} online.",
    ]


def panel_lines(mirror: Mirror) -> list[str]:
    """`panel`: the panelists and the numbers `ask --to N` takes."""
    if not mirror.panelists:
        return ["No panelists yet."]
    return [
        f"Panelist {panelist.id}: {printable(panelist.name)}"
        + (f", {printable(panelist.title)}" if panelist.title else "")
        + "."
        for panelist in mirror.panelists.values()
    ]


def notes_sentence(session_id: str | None) -> str:
    """Where a participant will find the notes: with the host, who has the transcript."""
    export = f" (panelhost export {session_id})" if session_id else ""
    return f"The host keeps the notes{export}: ask them for a copy."


def left_sentence(mirror: Mirror) -> str:
    """What `quit` and ctrl+c say as they leave."""
    title = printable(mirror.title) or "the session"
    return f"You left {title}; your questions and votes stay. Join again to come back."


def sentence_of(error: p.Error) -> str:
    """A hub error as a sentence: `"Rate limited: you can ask again in 40 s."`."""
    return as_sentence(error_words(error))
