"""Property tests of fan-out: what live changes tell each client equals what a welcome shows.

A random session is driven through `decide` and `apply` as the hub drives it: each loop
turn's events noted in a `Batch`'s delta, the batch closed into frames, and each frame
routed by the hub's own `Audiences` to the clients connected then (a host, a room screen,
participants, some asking anonymously). After every batch, each client's mirror, fed only
the change frames (and its own `ok`s, as `client/link.py` notes them), must equal a mirror
loaded from a welcome built fresh from the state: same questions, queue, stage, timer,
panel, notes and settings, now and a while later (the timer and speaking time count down
locally between frames).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.core import views
from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.core.rules import Accepted, Actor, Rejected, decide
from panelhost.core.visibility import Audience, visible_to
from panelhost.hub.audiences import Audiences, Client
from panelhost.hub.fanout import Batch
from panelhost.hub.limits import FloodCounter, TokenBucket
from tests.core.sessionkit import HOST, T0, Session
from tests.core.test_properties import ADVANCE_MS, draw_step

ROOM = Actor("v_room", "viewer")
"""A room screen: the hub gives viewers identity ids too (never journaled)."""


def seconds(now_ms: int) -> float:
    """The monotonic time a client reads at wall-clock `now_ms` (small, so floats are exact)."""
    return (now_ms - T0) / 1000


def welcomed(state: State, actor: Actor, now_ms: int) -> Mirror:
    """A mirror loaded from the welcome `actor` would get now."""
    assert actor.id is not None
    mirror = Mirror()
    snapshot = views.snapshot(state, actor.id, actor.role, now_ms, 0)
    you = p.You(id=actor.id, name=actor.id, role=actor.role)
    welcome = p.Welcome(protocol=1, seq=state.seq, you=you, token=None, state=snapshot)
    mirror.load(p.decode_server(p.encode(welcome)), seconds(now_ms))  # type: ignore[arg-type]
    return mirror


def seen(mirror: Mirror, now_ms: int) -> dict[str, Any]:
    """Everything a screen may show from `mirror` at `now_ms`."""
    at = seconds(now_ms)
    questions = mirror.questions
    return {
        "session": mirror.session,
        "settings": mirror.settings,
        "questions": dict(questions),
        "queue": [q.id for q in mirror.queue()],
        "pending": [q.id for q in mirror.pending()],
        "dismissed": [q.id for q in mirror.dismissed()],
        "panel": {
            x.id: (x.name, x.title, x.answers, mirror.spoken_ms(x.id, at))
            for x in mirror.panelists.values()
        },
        "now": mirror.now,
        "timer": (mirror.timer.state, mirror.timer.panelist_id, mirror.reading(at)),
        "speaker": getattr(mirror.speaker(), "id", None),  # its time is read as in "panel"
        "participants": mirror.participants,
        # a vote stays on the hub while its question is hidden; only the visible ones show
        "my_votes": {i for i in mirror.my_votes if i in questions},
        "my_questions": {i for i in mirror.my_questions if i in questions},
        "notes": mirror.notes,
    }


@dataclass
class Room:
    """The clients connected to the hub, routed to by the hub's own `Audiences`."""

    audiences: Audiences
    actors: dict[object, Actor]
    mirrors: dict[object, Mirror]

    @classmethod
    def empty(cls) -> Room:
        return cls(Audiences(), {}, {})

    def connect(self, actor: Actor, state: State, now_ms: int) -> None:
        assert actor.id is not None
        ws = object()  # the hub keys connections by identity; the socket is opaque here
        bucket, flood = TokenBucket(1.0, 1, 0.0), FloodCounter(10)
        client = Client(ws, actor.id, actor.id, actor.role, "127.0.0.1", bucket, flood)  # type: ignore[arg-type]
        assert self.audiences.add(client) is None
        self.actors[ws] = actor
        self.mirrors[ws] = welcomed(state, actor, now_ms)

    def mirror(self, actor: Actor) -> Mirror:
        return self.mirrors[self.audiences.clients[actor.id or ""].ws]

    def deliver(self, batch: Batch, state: State, now_ms: int, oks: list[Any]) -> None:
        """Close the batch and send what the hub sends: its changes, then its answers."""
        batch.close(state, now_ms, participants=0, hosts=0)
        for audience, frame in batch.frames:
            for ws in self.audiences.targets(audience):
                change = p.decode_server(frame)  # each client decodes its own copy
                assert not isinstance(change, p.Welcome | p.Ok | p.Error)
                self.mirrors[ws].apply(change, seconds(now_ms))
        for actor, request, decision in oks:  # what client/link.py does with each `ok`
            mirror = self.mirror(actor)
            if isinstance(request, p.Vote | p.Unvote):
                mirror.note_vote(request.question_id, isinstance(request, p.Vote))
            elif isinstance(request, p.Ask) and decision.id is not None:
                mirror.note_asked(decision.id)

    def check(self, state: State, now_ms: int) -> None:
        for ws, mirror in self.mirrors.items():
            actor = self.actors[ws]
            assert seen(mirror, now_ms) == seen(welcomed(state, actor, now_ms), now_ms), actor


def check_visibility(state: State, actors: list[Actor], now_ms: int) -> None:
    """The welcome and `decide` agree with `visible_to`, and it with the rule in PROTOCOL.md."""
    for actor in actors:
        audience = Audience(actor.role, actor.id)
        shown = {q.id for q in views.snapshot(state, actor.id, actor.role, now_ms, 0).questions}
        rule = {
            q.id
            for q in state.questions.values()
            if actor.role == "host"
            or q.status in ("open", "answering", "answered")
            or (actor.id is not None and q.author_id == actor.id)
        }
        assert shown == rule == {q.id for q in state.questions.values() if visible_to(q, audience)}
        if state.status == "ended" or actor.role == "viewer":
            continue
        for question_id in state.questions:
            request: p.Request = (
                p.Edit(question_id=question_id, text="?")
                if actor.role == "host"
                else p.Vote(question_id=question_id)
            )
            decision = decide(state, actor, request, now_ms)
            hidden = isinstance(decision, Rejected) and decision.code == "not_found"
            assert hidden == (question_id not in rule), (actor, question_id)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_changes_bring_every_client_to_what_a_welcome_shows(data: st.DataObject) -> None:
    settings_ = p.Settings(
        moderation=data.draw(st.booleans(), label="moderation"),
        anonymous_allowed=data.draw(st.booleans(), label="anonymous_allowed"),
        max_question_chars=data.draw(st.sampled_from([20, 300]), label="max_question_chars"),
    )
    count = data.draw(st.integers(2, 4), label="participants")
    participants = [Actor(f"p_{i}", "participant") for i in range(count)]
    actors = [HOST, ROOM, *participants]
    session = Session(settings_, actors=(HOST,))
    room = Room.empty()
    room.connect(HOST, session.state, session.now)
    room.connect(ROOM, session.state, session.now)
    batch, oks = Batch(), []
    for _ in range(data.draw(st.integers(10, 60), label="steps")):
        actor, request = draw_step(data, session.state, actors)
        if actor.role != "viewer" and actor.id not in session.state.identities:
            room.deliver(batch, session.state, session.now, oks)  # a hello is its own turn
            batch, oks = Batch(), []
            session.join(actor)
            room.connect(actor, session.state, session.now)
        decision = decide(session.state, actor, request, session.now)
        if isinstance(decision, Accepted):
            for event in decision.events:
                session.events.append(event)
                apply(session.state, event, batch.delta)
            oks.append((actor, request, decision))
        # most loop turns decide one request; some gather several before they close
        if data.draw(st.integers(0, 3), label="close") == 0:
            continue
        room.deliver(batch, session.state, session.now, oks)
        batch, oks = Batch(), []
        room.check(session.state, session.now)
        check_visibility(session.state, actors, session.now)
        session.advance(data.draw(ADVANCE_MS, label="advance_ms"))
        room.check(session.state, session.now)  # between frames, clients count time alone
    room.deliver(batch, session.state, session.now, oks)
    room.check(session.state, session.now)
