"""Simulated participants: a room of medical students asking and voting through real links."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import random
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Literal

from panelhost import protocol as p
from panelhost.client.link import Backoff, Link


@dataclass(frozen=True, slots=True)
class DemoQuestion:
    """A question a student may ask, and how the room tends to treat it."""

    text: str
    appeal: float = 1.0
    """How strongly it draws votes, relative to the others."""
    anonymous: float = 0.2
    """The chance it is asked anonymously."""
    to: str | None = None
    """A word matched against panelists' names and titles: the question is addressed to one."""


QUESTIONS: tuple[DemoQuestion, ...] = (
    DemoQuestion("How did you know emergency medicine was the right specialty for you?", 3.0),
    DemoQuestion("What made you choose EM over internal medicine or anesthesia?", 1.6),
    DemoQuestion("What do program directors actually look for in a SLOE?", 3.2),
    DemoQuestion("How many away rotations should I do, and when should they end?", 2.6),
    DemoQuestion("Is it a red flag to apply EM without a home program?", 1.8, 0.5),
    DemoQuestion("How do you handle switching between day and night shifts?", 2.4),
    DemoQuestion("Any practical tips for sleep after a string of overnights?", 1.5),
    DemoQuestion("Is burnout in EM as bad as the surveys say?", 2.8, 0.6),
    DemoQuestion("What keeps you from burning out on a bad stretch of shifts?", 1.7, 0.4),
    DemoQuestion("How worried should we be about the EM job market in 2030?", 2.7, 0.5),
    DemoQuestion("How did the match change after the 2023 unfilled positions?", 2.0, 0.3),
    DemoQuestion("How many EM programs should I apply to this cycle?", 2.2),
    DemoQuestion("Do Step 2 scores matter much for EM now that Step 1 is pass/fail?", 2.1, 0.5),
    DemoQuestion("What procedures did you feel least prepared for as an intern?", 1.3, 0.1),
    DemoQuestion("How much ultrasound should I learn before residency?", 1.4, 0.1, "ultrasound"),
    DemoQuestion("Is an ultrasound fellowship worth the extra year?", 1.1, 0.1, "ultrasound"),
    DemoQuestion("How did you decide between pediatrics and pediatric EM?", 1.2, 0.1, "pediatric"),
    DemoQuestion("What is the hardest part of caring for very sick kids?", 1.3, 0.2, "pediatric"),
    DemoQuestion("Which fellowships open the most doors: critical care, tox, EMS?", 1.5),
    DemoQuestion("Can you do EM-critical care and still work regular ED shifts?", 0.9),
    DemoQuestion("What does a normal week look like for you, hours and shifts?", 1.9, 0.1),
    DemoQuestion("Is EM compatible with having young kids?", 2.0, 0.4),
    DemoQuestion("How do you pay off loans on an EM salary with $300k of debt?", 2.3, 0.7),
    DemoQuestion("Is the pay gap between community and academic jobs real?", 1.4, 0.5),
    DemoQuestion("Community or academic residency: which trains you better?", 2.1, 0.1),
    DemoQuestion("Why did you choose a community job after residency?", 1.0, 0.1, "community"),
    DemoQuestion("What is it like being a woman in EM, with patients and with staff?", 1.9, 0.4),
    DemoQuestion("Have you dealt with violence in the ED, and how do you stay safe?", 1.6, 0.5),
    DemoQuestion("How much research do I need for a competitive EM application?", 1.8, 0.3),
    DemoQuestion("Does it matter if my research is not in emergency medicine?", 1.0, 0.3),
    DemoQuestion("What makes a student stand out on an EM rotation?", 2.5),
    DemoQuestion("What should I do on my first day of an EM sub-I?", 1.4),
    DemoQuestion("How do you ask for a SLOE without it being awkward?", 1.2, 0.4),
    DemoQuestion("What is the best and worst part of working in the ED?", 1.7),
    DemoQuestion("How do you cope with a bad outcome and still see the next patient?", 1.8, 0.4),
    DemoQuestion("Do you ever miss having continuity with your patients?", 0.8),
    DemoQuestion("How does EM deal with boarding and long waits these days?", 1.1, 0.2),
    DemoQuestion("Three-year or four-year residency: what would you choose again?", 1.3),
    DemoQuestion("What did you wish you had known as a third-year student?", 1.6, 0.1, "resident"),
    DemoQuestion("How is the transition from resident to attending?", 1.0, 0.1, "attending"),
    DemoQuestion("How do you teach residents when the ED is slammed?", 0.7, 0.1, "academic"),
    DemoQuestion("Is it too late to switch to EM if I matched into another field?", 0.9, 0.6),
)
"""Questions from medical students to an emergency-medicine alumni panel."""

NAMES: tuple[str, ...] = (
    "Aisha", "Mateo", "Priya", "Jamal", "Mei", "Diego", "Fatima", "Liam", "Sofia", "Kwame",
    "Hana", "Omar", "Chloe", "Ravi", "Amara", "Lucas", "Yuki", "Daniel", "Zainab", "Ethan",
    "Camila", "Tariq", "Ingrid", "Malik", "Leila", "Noah", "Ananya", "Samuel", "Nadia", "Jin",
    "Isabela", "Kofi", "Elena", "Arjun", "Grace", "Hamza", "Maya", "Tomás", "Adaeze", "Ben",
    "Sara", "Wei", "Lucía", "Emeka", "Hannah", "Farid", "Olivia", "Santiago", "Nia", "Aleksander",
    "Rosa", "Dev", "Chiara", "Yusuf", "Emily", "Thanh", "Marisol", "Ibrahim", "Freya", "Andre",
)  # fmt: skip
"""Students' first names; repeats get a last initial."""


@dataclass(slots=True)
class RoomStats:
    """What the simulated room has done so far."""

    joined: int = 0
    asked: int = 0
    votes: int = 0
    left: int = 0
    returned: int = 0
    refused: int = 0
    """Requests the hub answered with an error (rate limits, a question gone, ...)."""


@dataclass(slots=True)
class Student:
    """One simulated student: a name, a link while present, and the token to come back with."""

    name: str
    link: Link | None = None
    task: asyncio.Task[object] | None = None
    token: str | None = None

    @property
    def present(self) -> bool:
        return self.link is not None and self.link.connected


OPENING_STUDENTS = 4
"""Students who join in the first seconds, each asking a question at once."""

ActionKind = Literal["join", "ask", "vote", "leave", "return"]


@dataclass(order=True, slots=True)
class _Action:
    at: float
    """Room seconds since the start."""
    order: int
    kind: ActionKind = field(compare=False)
    student: int = field(compare=False, default=-1)
    question: DemoQuestion | None = field(compare=False, default=None)


class SimulatedRoom:
    """A room of simulated medical students, each a real `Link` to the hub; no threads.

    Students join over the first minutes, ask questions from `QUESTIONS` (some anonymous,
    some addressed to a panelist), vote with a skew toward the popular questions, and a few
    leave and come back with their tokens. Room time runs `speed` times faster than real time.
    The plan is drawn from `rng`, so a seed gives the same room (up to network timing).
    """

    def __init__(
        self,
        url: str,
        code: str,
        *,
        students: int = 30,
        speed: float = 1.0,
        rng: random.Random | None = None,
        duration_s: float = 40 * 60,
        votes_per_student: float = 6.0,
        leavers: float = 0.1,
    ) -> None:
        if students < 1 or speed <= 0 or duration_s <= 0:
            raise ValueError("a room needs at least one student, a positive speed and duration")
        self.url = url
        self.code = code
        self.speed = speed
        self.duration_s = duration_s
        self.votes_per_student = votes_per_student
        """Votes each student casts on average over the whole duration."""
        self.rng = rng or random.Random()
        self.stats = RoomStats()
        self.students = [Student(name) for name in _names(students, self.rng)]
        self.finished = asyncio.Event()
        """Set when the plan is played out or the session ended; links stay until `stop()`."""
        self._leavers = leavers
        self._appeal: dict[int, float] = {}
        self._appeal_by_text = {q.text: q.appeal for q in QUESTIONS}
        self._order = itertools.count()
        self._plan: list[_Action] = []
        self._director: asyncio.Task[None] | None = None
        self._requests: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Start playing the room in the background; returns at once."""
        if self._director is None:
            self._plan = self._draw_plan()
            self._director = asyncio.create_task(self._direct(), name="demo-room")

    async def stop(self) -> None:
        """Stop acting, let every student leave (close 1000) and wait for their links."""
        self._stopping.set()
        if self._director is not None:
            self._director.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._director
        for task in list(self._requests):
            task.cancel()
        await asyncio.gather(*self._requests, return_exceptions=True)
        await asyncio.gather(*(self._leave(s) for s in self.students), return_exceptions=True)
        self.finished.set()

    async def __aenter__(self) -> SimulatedRoom:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def present(self) -> int:
        """Students connected right now."""
        return sum(1 for s in self.students if s.present)

    @property
    def ended(self) -> bool:
        """True once the hub said the session ended."""
        return any(s.link is not None and s.link.status == "ended" for s in self.students)

    # -- the plan ------------------------------------------------------------------------

    def _draw_plan(self) -> list[_Action]:
        """Joins, asks, leaves and returns at room times; votes are drawn as the room goes."""
        rng, duration = self.rng, self.duration_s
        plan: list[_Action] = []
        count = len(self.students)
        joins = [rng.uniform(0, min(300.0, duration * 0.15)) for _ in range(count)]
        # A few students are there from the start with a question ready, as in a real room
        # (and so a newcomer watching the demo sees the queue fill within seconds).
        early = min(count, OPENING_STUDENTS)
        joins[:early] = sorted(rng.uniform(0, 8) for _ in range(early))
        for index, at in enumerate(joins):
            plan.append(self._action(at, "join", index))
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
            plan.append(self._action(at, "ask", student, question))
        for student in rng.sample(range(count), round(count * self._leavers)):
            away = joins[student] + rng.uniform(0.1, 0.7) * duration
            plan.append(self._action(away, "leave", student))
            plan.append(self._action(away + rng.uniform(20, 180), "return", student))
        if self.votes_per_student > 0:
            plan.append(self._action(rng.uniform(5, 30), "vote"))
        heapq.heapify(plan)
        return plan

    def _action(
        self, at: float, kind: ActionKind, student: int = -1, question: DemoQuestion | None = None
    ) -> _Action:
        return _Action(at, next(self._order), kind, student, question)

    async def _direct(self) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            while self._plan and not self.ended and not self._stopping.is_set():
                action = heapq.heappop(self._plan)
                if action.at > self.duration_s and action.kind == "vote":
                    continue
                delay = started + action.at / self.speed - loop.time()
                if delay > 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stopping.wait(), delay)
                    if self._stopping.is_set():
                        break
                self._perform(action)
        finally:
            self.finished.set()

    def _perform(self, action: _Action) -> None:
        student = self.students[action.student] if action.student >= 0 else None
        if action.kind == "join" and student is not None:
            self._join(student)
            self.stats.joined += 1
        elif action.kind == "return" and student is not None and student.link is None:
            self._join(student)
            self.stats.returned += 1
        elif action.kind == "leave" and student is not None and student.link is not None:
            self.stats.left += 1
            self._spawn(self._leave(student))
        elif action.kind == "ask" and student is not None and action.question is not None:
            if student.link is None:  # away: ask after coming back
                later = self._action(action.at + 60, "ask", action.student, action.question)
                heapq.heappush(self._plan, later)
            else:
                self._spawn(self._ask(student.link, action.question))
        elif action.kind == "vote":
            self._vote()
            present = max(1, self.present)
            rate = present * self.votes_per_student / self.duration_s
            next_at = action.at + self.rng.expovariate(rate)
            heapq.heappush(self._plan, self._action(next_at, "vote"))

    # -- students ------------------------------------------------------------------------

    def _join(self, student: Student) -> None:
        link = Link(
            self.url,
            role="participant",
            code=self.code,
            name=student.name,
            token=student.token,
            backoff=Backoff(first_s=0.2, max_s=2.0),
            rng=random.Random(self.rng.random()),
        )
        student.link = link
        student.task = asyncio.create_task(self._stay(student, link), name=f"demo-{student.name}")

    async def _stay(self, student: Student, link: Link) -> object:
        status = await link.run()
        if link.token is not None:
            student.token = link.token
        return status

    async def _leave(self, student: Student) -> None:
        link, task = student.link, student.task
        if link is None:
            return
        if link.token is not None:
            student.token = link.token
        await link.close()
        if task is not None:
            with contextlib.suppress(Exception):
                await task
        student.link = None
        student.task = None

    async def _ask(self, link: Link, question: DemoQuestion) -> None:
        with contextlib.suppress(TimeoutError):
            await link.wait_until(lambda x: x.connected or x.stopped, timeout=30)
        rng = self.rng
        panelist_id = None
        if question.to is not None:
            panelist_id = _panelist_matching(link, question.to)
        elif rng.random() < 0.12 and link.mirror.panelists:
            panelist_id = rng.choice(sorted(link.mirror.panelists))
        anonymous = rng.random() < question.anonymous and link.mirror.settings.anonymous_allowed
        reply = await link.ask(question.text, anonymous=anonymous, panelist_id=panelist_id)
        self._count(reply, "asked")

    def _vote(self) -> None:
        """One student votes for a question they have not voted for, favouring popular ones."""
        voters = [s.link for s in self.students if s.link is not None and s.link.connected]
        if not voters:
            return
        link = self.rng.choice(voters)
        mirror = link.mirror
        choices = [
            q
            for q in mirror.queue()
            if q.status in ("open", "answering") and q.id not in mirror.my_votes
        ]
        if not choices:
            return
        # popularity feeds itself: each vote makes the next a little likelier (a skewed tail)
        weights = [self._appeal_of(q) * (1.0 + 0.35 * q.votes) for q in choices]
        question = self.rng.choices(choices, weights)[0]
        self._spawn(self._send_vote(link, question.id))

    async def _send_vote(self, link: Link, question_id: int) -> None:
        self._count(await link.vote(question_id), "votes")

    def _appeal_of(self, question: p.Question) -> float:
        appeal = self._appeal.get(question.id)
        if appeal is None:
            appeal = self._appeal_by_text.get(question.text) or self.rng.lognormvariate(0, 0.5)
            self._appeal[question.id] = appeal
        return appeal

    def _count(self, reply: p.Ok | p.Error, counter: Literal["asked", "votes"]) -> None:
        if isinstance(reply, p.Ok):
            setattr(self.stats, counter, getattr(self.stats, counter) + 1)
        else:
            self.stats.refused += 1

    def _spawn(self, coroutine: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._requests.add(task)
        task.add_done_callback(self._requests.discard)


def _panelist_matching(link: Link, word: str) -> int | None:
    word = word.lower()
    for panelist in link.mirror.panelists.values():
        if word in f"{panelist.name} {panelist.title or ''}".lower():
            return panelist.id
    return None


def _names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct display names: diverse first names, a last initial once they repeat."""
    first = list(NAMES)
    rng.shuffle(first)
    names: list[str] = []
    taken: set[str] = set()
    for index in range(count):
        name = first[index % len(first)]
        if index >= len(first):
            letters = [c for c in "ABCDEFGHIJKLMNOPRSTVWYZ" if f"{name} {c}." not in taken]
            name = f"{name} {rng.choice(letters)}." if letters else f"{name} {index}"
        taken.add(name)
        names.append(name)
    return names
