"""The demo room's plan: who joins, asks, leaves and comes back when, drawn from a seed."""

from __future__ import annotations

import heapq
import itertools
import random
from dataclasses import dataclass, field
from typing import Literal

from panelhost.demo.script import QUESTIONS, DemoQuestion

OPENING_STUDENTS = 4
"""Students who join in the first seconds, each asking a question at once."""

ActionKind = Literal["join", "ask", "vote", "leave", "return"]


@dataclass(order=True, slots=True)
class Action:
    at: float
    """Room seconds since the start."""
    order: int
    kind: ActionKind = field(compare=False)
    student: int = field(compare=False, default=-1)
    question: DemoQuestion | None = field(compare=False, default=None)


class Plan:
    """Actions by room time (ties in the order they were added); the room adds as it goes."""

    def __init__(self) -> None:
        self._heap: list[Action] = []
        self._order = itertools.count()

    def __bool__(self) -> bool:
        return bool(self._heap)

    def add(
        self, at: float, kind: ActionKind, student: int = -1, question: DemoQuestion | None = None
    ) -> None:
        heapq.heappush(self._heap, Action(at, next(self._order), kind, student, question))

    def pop(self) -> Action:
        return heapq.heappop(self._heap)


def draw_plan(
    rng: random.Random, count: int, duration: float, leavers: float, votes_per_student: float
) -> Plan:
    """Joins, asks, leaves and returns at room times; votes are drawn as the room goes."""
    plan = Plan()
    joins = [rng.uniform(0, min(300.0, duration * 0.15)) for _ in range(count)]
    # A few students are there from the start with a question ready, as in a real room
    # (and so a newcomer watching the demo sees the queue fill within seconds).
    early = min(count, OPENING_STUDENTS)
    joins[:early] = sorted(rng.uniform(0, 8) for _ in range(early))
    for index, at in enumerate(joins):
        plan.add(at, "join", index)
    # most questions come early, a few trickle in later; at most 3 per student
    bank = list(QUESTIONS)
    rng.shuffle(bank)
    asked = bank[: min(len(bank), max(1, round(count * 1.3)), 3 * count)]
    askers = [i % count for i in range(len(asked))]
    rng.shuffle(askers)
    for index, (question, student) in enumerate(zip(asked, askers, strict=True)):
        if index < early:
            student, at = index, joins[index] + rng.uniform(2, 20)
        else:
            at = joins[student] + rng.betavariate(1.2, 3.0) * duration * 0.8
        plan.add(at, "ask", student, question)
    for student in rng.sample(range(count), round(count * leavers)):
        away = joins[student] + rng.uniform(0.1, 0.7) * duration
        plan.add(away, "leave", student)
        plan.add(away + rng.uniform(20, 180), "return", student)
    if votes_per_student > 0:
        plan.add(rng.uniform(5, 30), "vote")
    return plan
