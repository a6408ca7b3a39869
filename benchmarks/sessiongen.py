"""A synthetic session of real events: the rules (`decide`) driven by a seeded script.

Used by the journal and transcript benchmarks: a long panel with many participants,
thousands of questions and a storm of votes, as one list of events (seq 1, 2, 3, ...).
"""

from __future__ import annotations

import random

from panelhost import protocol as p
from panelhost.core import Actor, Rejected, State, apply, decide
from panelhost.core import events as ev
from panelhost.core.rules import create_identity

START_MS = 1_795_000_000_000


def synthetic_session(
    events: int = 200_000,
    questions: int = 2_000,
    participants: int = 300,
    hours: float = 3.0,
    seed: int = 6,
) -> list[ev.Event]:
    """About `events` events over `hours`: `questions` asked, the rest mostly votes."""
    rng = random.Random(seed)
    state = State()
    out: list[ev.Event] = []
    span_ms = int(hours * 3600 * 1000)

    def emit(event: ev.Event) -> None:
        apply(state, event)
        out.append(event)

    def now() -> int:
        return START_MS + span_ms * len(out) // events

    emit(
        ev.SessionCreated(
            seq=1,
            at=START_MS,
            session_id="2026-11-18-benchmark",
            title="Benchmark panel",
            settings=p.Settings(),
            code="BENCH-1",
            key_hash=None,
        )
    )
    emit(create_identity(state, "h-host", "host", "Host", None, now()))
    host = Actor("h-host", "host")
    people = [f"p-{i}" for i in range(participants)]
    for person in people:
        emit(create_identity(state, person, "participant", person, None, now()))

    def request(actor: Actor, message: p.Request) -> int | None:
        decision = decide(state, actor, message, now())
        if isinstance(decision, Rejected):
            return None
        for event in decision.events:
            emit(event)
        return decision.id

    for number in range(3):
        request(host, p.PanelistAdd(name=f"Panelist {number + 1}", title="Resident"))
    open_ids: list[int] = []
    asked = 0
    on_stage: int | None = None
    while len(out) < events:
        progress = len(out) / events
        if asked < questions * progress + 1 and asked < questions:
            author = Actor(rng.choice(people), "participant")
            question_id = request(author, p.Ask(text=f"Question number {asked + 1}: why?"))
            if question_id is not None:
                asked += 1
                open_ids.append(question_id)
            continue
        roll = rng.random()
        if roll < 0.002 and open_ids:
            if on_stage is not None:
                request(host, p.MarkAnswered(question_id=on_stage))
                if on_stage in open_ids:
                    open_ids.remove(on_stage)
            on_stage = rng.choice(open_ids)
            request(host, p.SetNow(question_id=on_stage, panelist_id=rng.randint(1, 3)))
            request(host, p.TimerRequest(action="start", seconds=120))
            continue
        if not open_ids:
            continue
        voter = Actor(rng.choice(people), "participant")
        question_id = rng.choice(open_ids[-50:])  # recent questions draw the votes
        question = state.questions[question_id]
        if voter.id in question.voters:
            request(voter, p.Unvote(question_id=question_id))
        else:
            request(voter, p.Vote(question_id=question_id))
    return out
