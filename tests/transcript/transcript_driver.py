"""A session driven through the real core (decide/apply), as the hub drives it, for tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from panelhost import protocol as p
from panelhost.core import Accepted, Actor, Decision, State, apply, decide
from panelhost.core import events as ev
from panelhost.core.rules import create_identity
from panelhost.core.views import snapshot
from panelhost.journal import encode_event
from panelhost.sessionfiles import SessionFiles

JOIN_CODE = "K7Q-2M9"
HOST_KEY = "host-key-secret-material"
START_MS = 1_764_000_000_000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DrivenSession:
    """Applies every accepted request's events and keeps them, like the hub's journal."""

    def __init__(
        self,
        session_id: str = "20251124-alumni",
        title: str = "EM alumni panel",
        start_ms: int = START_MS,
    ) -> None:
        self.state = State()
        self.events: list[ev.Event] = []
        self.now = start_ms
        self.secrets: list[str] = [JOIN_CODE, token_hash(HOST_KEY)]
        """Strings that must never appear in a transcript."""
        self.emit(
            ev.SessionCreated(
                seq=1,
                at=self.now,
                session_id=session_id,
                title=title,
                settings=p.Settings(),
                code=JOIN_CODE,
                key_hash=token_hash(HOST_KEY),
            )
        )
        self.host = self.join("host-0001", "host", "Host")

    def emit(self, event: ev.Event) -> None:
        apply(self.state, event)
        self.events.append(event)

    def tick(self, ms: int = 1000) -> int:
        self.now += ms
        return self.now

    def join(self, identity_id: str, role: p.Role, name: str) -> Actor:
        token = token_hash(f"token-of-{identity_id}")
        self.secrets += [identity_id, token]
        self.emit(create_identity(self.state, identity_id, role, name, token, self.tick(10)))
        return Actor(identity_id, role)

    def request(self, actor: Actor, request: p.Request, advance_ms: int = 1000) -> Decision:
        decision = decide(self.state, actor, request, self.tick(advance_ms))
        if isinstance(decision, Accepted):
            for event in decision.events:
                self.emit(event)
        return decision

    def ok(self, actor: Actor, request: p.Request, advance_ms: int = 1000) -> int | None:
        decision = self.request(actor, request, advance_ms)
        assert isinstance(decision, Accepted), decision
        return decision.id

    def host_view(self, state: State | None = None, now: int | None = None) -> p.Snapshot:
        return host_view(self.state if state is None else state, self.now if now is None else now)

    def write_journal(self, directory: Path) -> Path:
        path = SessionFiles(directory, self.state.session_id).journal
        path.write_bytes(b"".join(encode_event(event) for event in self.events))
        return path


def host_view(state: State, now: int) -> p.Snapshot:
    """What a host would be sent about `state` at `now`: the public face of the state."""
    return snapshot(state, None, "host", now, 0)


def small_session() -> DrivenSession:
    """A short panel: two panelists, named and anonymous questions, votes, notes, the end."""
    s = DrivenSession()
    ana = s.join("ident-ana-7f3a", "participant", "Ana")
    ben = s.join("ident-ben-91c2", "participant", "Ben")
    s.ok(s.host, p.PanelistAdd(name="Dr. Rivera", title="EM resident, PGY-2"))
    s.ok(s.host, p.PanelistAdd(name="Dr. Chen", title="Pediatrics attending"))
    q1 = s.ok(ana, p.Ask(text="How did you choose emergency medicine?", nonce="nonce-ana-1"))
    q2 = s.ok(ben, p.Ask(text="Is burnout as bad as people say?", anonymous=True, nonce="nb-1"))
    q3 = s.ok(ben, p.Ask(text="What do PDs look for on a rotation?", nonce="nonce-ben-2"))
    s.ok(ana, p.Vote(question_id=q3))
    s.ok(ben, p.Vote(question_id=q2))
    s.ok(ana, p.Vote(question_id=q2))
    s.ok(s.host, p.SetNow(question_id=q1, panelist_id=1))  # starts Dr. Rivera's timer
    s.ok(s.host, p.NoteRequest(text="Shadowed in the ED as an undergrad", question_id=q1), 31_000)
    s.ok(s.host, p.SetNow(question_id=q2, panelist_id=2), 60_000)
    s.ok(s.host, p.NoteRequest(text="Protect your days off", question_id=q2), 46_000)
    s.ok(s.host, p.MarkAnswered(question_id=q2), 15_000)  # and ends Dr. Chen's answer
    s.ok(s.host, p.NoteRequest(text="Slides will be shared by email"), 2_000)
    s.ok(s.host, p.End())
    return s
