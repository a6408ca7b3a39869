"""A session driven through `decide` and `apply` as the hub drives it, for the core's tests."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.core import events as ev
from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.core.rules import Accepted, Actor, Decision, Rejected, create_identity, decide

T0 = 1_764_008_409_123
"""2025-11-24T18:20:09.123Z: the session's start in every test."""

HOST = Actor("h_maya", "host")
ANA = Actor("p_ana", "participant")
BEN = Actor("p_ben", "participant")
CAI = Actor("p_cai", "participant")
VIEWER = Actor(None, "viewer")
NAMES = {HOST.id: "Maya", ANA.id: "Ana", BEN.id: "Ben", CAI.id: "Cai"}


class Session:
    """A live state plus every event it came from; `now` moves only when a test moves it."""

    def __init__(
        self,
        settings: p.Settings | None = None,
        actors: tuple[Actor, ...] = (HOST, ANA, BEN),
        opens_early: bool = False,
    ) -> None:
        self.state = State()
        self.events: list[ev.Event] = []
        self.now = T0
        self.record(
            ev.SessionCreated(
                seq=1,
                at=self.now,
                session_id="2025-11-24-test",
                title="Test panel",
                settings=settings or p.Settings(),
                code="K7Q2M9",
                key_hash="0" * 64,
                opens_early=opens_early,
            )
        )
        for actor in actors:
            self.join(actor)

    def record(self, event: ev.Event) -> None:
        """Apply one event to the live state and keep it."""
        assert event.seq == self.state.seq + 1
        self.events.append(event)
        apply(self.state, event)

    def join(self, actor: Actor) -> None:
        """Create the actor's identity, as the hub does after a good hello."""
        assert actor.id is not None
        name = NAMES.get(actor.id, actor.id)
        self.record(
            create_identity(self.state, actor.id, actor.role, name, f"hash-{actor.id}", self.now)
        )

    def advance(self, ms: int) -> None:
        self.now += ms

    def send(self, actor: Actor, request: p.Request) -> Decision:
        """Decide `request` now and apply what it causes."""
        decision = decide(self.state, actor, request, self.now)
        if isinstance(decision, Accepted):
            for event in decision.events:
                self.record(event)
        return decision

    def ok(self, actor: Actor, request: p.Request) -> Accepted:
        decision = self.send(actor, request)
        assert isinstance(decision, Accepted), decision
        return decision

    def refused(self, actor: Actor, request: p.Request, code: str) -> Rejected:
        """Send a request that must be refused with `code`, and check nothing changed."""
        before = self.state.copy()
        decision = self.send(actor, request)
        assert isinstance(decision, Rejected), decision
        assert decision.code == code, decision
        assert decision.message
        assert self.state == before
        return decision

    def ask(self, actor: Actor, text: str = "What surprised you in residency?", **fields) -> int:
        """Ask a question and return its id."""
        accepted = self.ok(actor, p.Ask(text=text, **fields))
        assert accepted.id is not None
        return accepted.id

    def status(self, question_id: int) -> str:
        return self.state.questions[question_id].status

    def add_panelist(self, name: str = "Dr. Rivera", title: str | None = None) -> int:
        accepted = self.ok(HOST, p.PanelistAdd(name=name, title=title))
        assert accepted.id is not None
        return accepted.id
