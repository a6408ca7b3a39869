"""A synthetic 3-hour transcript: 2,000 questions and 200,000 events, for replay at scale."""

from __future__ import annotations

import random
from pathlib import Path

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.transcript import build_transcript, save_transcript

START_MS = 1_795_540_000_000
HOURS_MS = 3 * 3600 * 1000


def big_events(questions: int = 2000, events: int = 200_000, seed: int = 5) -> list[ev.Event]:
    """Events of a long busy session: asks, a flood of votes, an answer every few minutes."""
    rng = random.Random(seed)
    out: list[ev.Event] = []

    def emit(event_type: type[ev.Event], at: int, **fields: object) -> None:
        out.append(event_type(seq=len(out) + 1, at=at, **fields))

    emit(ev.SessionCreated, START_MS, session_id="big", title="Big panel", settings=p.Settings())
    for number in range(1, 5):
        emit(ev.PanelistAdded, START_MS, panelist_id=number, name=f"Dr. Panelist {number}")
    asked_at = sorted(START_MS + rng.randrange(HOURS_MS) for _ in range(questions))
    votes = events - questions - 5 - 3 * (HOURS_MS // 300_000)
    vote_at = sorted(START_MS + rng.randrange(HOURS_MS) for _ in range(votes))
    answer_at = [START_MS + k * 300_000 for k in range(1, HOURS_MS // 300_000 + 1)]
    asked = 0
    voters: dict[int, set[int]] = {}
    open_ids: list[int] = []
    a = v = 0
    while a < len(asked_at) or v < len(vote_at) or answer_at:
        nexts = [
            asked_at[a] if a < len(asked_at) else None,
            vote_at[v] if v < len(vote_at) and open_ids else None,
            answer_at[0] if answer_at else None,
        ]
        if all(x is None for x in nexts):
            break
        which = min((x, i) for i, x in enumerate(nexts) if x is not None)[1]
        if which == 0:
            asked += 1
            emit(ev.QuestionAsked, asked_at[a], question_id=asked, text=f"Question {asked}?",
                 status="open", author_id=None, author_name=f"Student {asked % 300}")  # fmt: skip
            open_ids.append(asked)
            voters[asked] = set()
            a += 1
        elif which == 1:
            question = open_ids[min(len(open_ids) - 1, int(rng.paretovariate(1.2)) - 1)]
            voter = rng.randrange(100_000)
            while voter in voters[question]:
                voter = rng.randrange(100_000)
            voters[question].add(voter)
            emit(ev.VoteAdded, vote_at[v], question_id=question, voter_id=f"u{voter}")
            v += 1
        else:
            at = answer_at.pop(0)
            if open_ids:
                question = open_ids.pop(0)
                panelist = rng.randrange(1, 5)
                emit(ev.NowSet, at, question_id=question, panelist_id=panelist)
                emit(ev.TimerStarted, at, panelist_id=panelist, duration_ms=120_000)
                emit(ev.TimerPaused, at + 130_000)
    emit(ev.SessionEnded, START_MS + HOURS_MS)
    return out


def write_big_transcript(path: Path) -> Path:
    """Save the synthetic session as a transcript file at `path`."""
    save_transcript(build_transcript(big_events()), path)
    return path
