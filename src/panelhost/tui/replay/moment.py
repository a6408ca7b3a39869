"""The words of one moment of a replay: its mirror, the header, what is on stage."""

from __future__ import annotations

from rich.text import Text

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.client.text import printable
from panelhost.core import durations
from panelhost.core.model import State
from panelhost.core.views import snapshot
from panelhost.transcript import Transcript
from panelhost.transcript.plaintext import moment
from panelhost.tui.replay.facts import ReplayFacts

REPLAY_YOU = p.You(id="replay", name="replay", role="host")


def mirror_at(state: State, at: int) -> Mirror:
    """A host's mirror of the replayed state at wall-clock `at`, as the live views expect.

    Times in this mirror are replay seconds (`at / 1000`), so the timer widget counts down
    against the playhead, not the real clock.
    """
    welcome = p.Welcome(
        protocol=p.PROTOCOL_VERSION,
        seq=state.seq,
        you=REPLAY_YOU,
        token=None,
        state=snapshot(state, None, "host", at, 0),
    )
    mirror = Mirror()
    mirror.load(welcome, at / 1000)
    return mirror


def header_text(transcript: Transcript, facts: ReplayFacts, width: int = 0) -> Text:
    """The line over the timeline: the session's title, day, length and counts.

    When title and counts do not fit in `width`, the counts go whole onto a second line.
    """
    session = transcript.session
    # local, as `panelhost export` and `panelhost sessions` show it
    day = moment(session.started_at)[:10]
    questions = len(transcript.questions)
    panelists = len(transcript.panelists)
    title = printable(session.title)
    counts = (
        f"{day} · {durations.elapsed(facts.duration)} · {questions} question"
        f"{'' if questions == 1 else 's'} · {panelists} panelist"
        f"{'' if panelists == 1 else 's'} · {session.participants} joined"
    )
    partial = " · PARTIAL" if session.partial is not None else ""  # from a corrupt journal
    text = Text(" ")
    text.append(title, style="bold")
    one_line = len(f" {title} · {counts}{partial}") <= width or width <= 0
    text.append(" · " if one_line else "\n ")
    text.append(counts)
    text.append(partial, style="bold")
    return text


def stage_text(mirror: Mirror) -> Text:
    """What is on stage at the playhead, and who answers."""
    question = mirror.on_stage()
    speaker = mirror.answerer()
    text = Text()
    if question is None:
        text.append("Nothing on stage", style="dim")
    else:
        text.append(f"Q{question.id}  ", style="bold")
        text.append(printable(question.text))
    text.append("\n")
    if speaker is not None:
        text.append(printable(speaker.name), style="bold")
        if speaker.title:
            text.append(f" · {printable(speaker.title)}")
    return text


def span_words(ms: int) -> str:
    """A bucket's span in words: `5 min`, `30 s`."""
    return f"{ms // 60_000} min" if ms >= 60_000 else f"{ms // 1000} s"
