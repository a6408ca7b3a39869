"""Simulated participants: a room of medical students asking and voting through real links.

What they ask and what they are called is in `script.py`; this is how they act."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Literal

from panelhost import protocol as p
from panelhost.client.backoff import Backoff
from panelhost.client.link import Link
from panelhost.demo.plan import Action, Plan, draw_plan
from panelhost.demo.script import QUESTIONS, DemoQuestion, names


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
        self.students = [Student(name) for name in names(students, self.rng)]
        self.finished = asyncio.Event()
        """Set when the plan is played out or the session ended; links stay until `stop()`."""
        self._leavers = leavers
        self._appeal: dict[int, float] = {}
        self._appeal_by_text = {q.text: q.appeal for q in QUESTIONS}
        self._plan = Plan()
        self._director: asyncio.Task[None] | None = None
        self._requests: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Start playing the room in the background; returns at once."""
        if self._director is None:
            self._plan = draw_plan(
                self.rng, len(self.students), self.duration_s, self._leavers, self.votes_per_student
            )
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

    async def _direct(self) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            while self._plan and not self.ended and not self._stopping.is_set():
                action = self._plan.pop()
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

    def _perform(self, action: Action) -> None:
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
                self._plan.add(action.at + 60, "ask", action.student, action.question)
            else:
                self._spawn(self._ask(student.link, action.question))
        elif action.kind == "vote":
            self._vote()
            present = max(1, self.present)
            rate = present * self.votes_per_student / self.duration_s
            next_at = action.at + self.rng.expovariate(rate)
            self._plan.add(next_at, "vote")

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
