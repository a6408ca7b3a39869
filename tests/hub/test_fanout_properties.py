"""Property tests of fan-out: what live changes tell each client equals what a welcome shows.

A random session is driven through `decide` and `apply` as the hub drives it: each loop
turn's events noted in a `Batch`'s delta, the batch closed into frames, and each frame
routed by the hub's own `Audiences` to the clients connected then (a host, a room screen,
participants, some asking anonymously). After every batch, each client's mirror, fed only
the change frames (and its own `ok`s, as `client/link.py` notes them), must equal a mirror
loaded from a welcome built fresh from the state: same questions, queue, stage, timer,
panel, notes, settings, offers and follow-ups, now and a while later (the timer and
speaking time count down locally between frames). Sessions may open early for questions and
go live; clients of revision 3 and older ones are mixed (older ones read the early session
as live); no frame or welcome a non-host gets ever carries a follow-up's message or email.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
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
from panelhost.hub.revisions import for_older, knows_early
from tests.core.sessionkit import HOST, T0, Session
from tests.core.test_properties import ADVANCE_MS, _ids, draw_step, weighted

ROOM = Actor("v_room", "viewer")
"""A room screen: the hub gives viewers identity ids too (never journaled)."""


def seconds(now_ms: int) -> float:
    """The monotonic time a client reads at wall-clock `now_ms` (small, so floats are exact)."""
    return (now_ms - T0) / 1000


SECRETS = ("ring me about MATCH-7731", "ana.private@example.org", "ben.secret@example.net")
"""A follow-up's message or email: text nothing else in a session ever says."""


@functools.cache
def early_requests(
    roll: int, panelists: tuple[int, ...], offers: tuple[int, ...], follow_ups: tuple[int, ...]
) -> st.SearchStrategy[p.Request]:
    """Revision 3's requests: a host's (roll 0) going live and offers, or follow-ups."""
    offer_ids = _ids(offers)
    if roll == 0:
        places = st.sampled_from([None, 1, 1, 2, 0])  # small limits, so places run out
        texts = st.sampled_from(["Happy to read 3 personal statements"] * 3 + [" ", "x" * 301])
        return weighted(
            (1, st.just(p.GoLive())),
            (
                3,
                st.builds(
                    p.OfferRequest,
                    panelist_id=_ids(panelists),
                    text=texts,
                    places=places,
                ),
            ),
            (1, st.builds(p.OfferRemove, offer_id=offer_ids)),
        )
    follow_up = st.builds(
        p.FollowUpRequest,
        offer_id=st.none() | offer_ids | offer_ids,
        panelist_id=st.none() | st.none() | _ids(panelists),
        message=st.sampled_from(["", SECRETS[0]]),
        email=st.sampled_from([None, "", SECRETS[1], SECRETS[2], "not an email"]),
    )
    withdraw = st.builds(p.FollowUpWithdraw, follow_up_id=_ids(follow_ups))
    return weighted((3, follow_up), (2, withdraw)) if follow_ups else follow_up


def draw_any_step(
    data: st.DataObject, state: State, actors: list[Actor]
) -> tuple[Actor, p.Request]:
    """Mostly `draw_step`'s requests; three in ten of revision 3, mostly from the right role."""
    roll = data.draw(st.integers(0, 9), label="early")
    if roll > 2:
        return draw_step(data, state, actors)
    actor = HOST if roll == 0 else data.draw(st.sampled_from(actors[1:]), label="asker")
    ids = tuple(state.panelists), tuple(state.offers), tuple(state.follow_ups)
    return actor, data.draw(early_requests(min(roll, 1), *ids), label="request")


def welcome_bytes(state: State, actor: Actor, revision: int | None, now_ms: int) -> bytes:
    """The welcome `actor` would get now, as hub/joining.py builds it."""
    assert actor.id is not None
    snapshot = views.snapshot(state, actor.id, actor.role, now_ms, 0)
    if not knows_early(revision):
        snapshot.session = for_older(snapshot.session)
    you = p.You(id=actor.id, name=actor.id, role=actor.role)
    welcome = p.Welcome(protocol=1, seq=state.seq, you=you, token=None, state=snapshot)
    return p.encode(welcome)


def welcomed(data: bytes, now_ms: int) -> Mirror:
    """A mirror loaded from a welcome that arrived at `now_ms`."""
    mirror = Mirror()
    mirror.load(p.decode_server(data), seconds(now_ms))  # type: ignore[arg-type]
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
        "offers": mirror.offers,
        "follow_ups": mirror.follow_ups,  # hosts' only: empty for everyone else
        "my_follow_ups": mirror.my_follow_ups,
    }


@dataclass
class Room:
    """The clients connected to the hub, routed to by the hub's own `Audiences`."""

    audiences: Audiences = field(default_factory=Audiences)
    actors: dict[object, Actor] = field(default_factory=dict)
    revisions: dict[object, int | None] = field(default_factory=dict)
    mirrors: dict[object, Mirror] = field(default_factory=dict)
    private: list[bytes] = field(default_factory=list)
    """Every frame and welcome a participant or viewer was sent (from this batch on)."""

    def connect(self, actor: Actor, revision: int | None, state: State, now_ms: int) -> None:
        assert actor.id is not None
        ws = object()  # the hub keys connections by identity; the socket is opaque here
        bucket, flood = TokenBucket(1.0, 1, 0.0), FloodCounter(10)
        client = Client(ws, actor.id, actor.id, actor.role, "127.0.0.1", bucket, flood)  # type: ignore[arg-type]
        client.revision = revision
        assert self.audiences.add(client) is None
        self.actors[ws], self.revisions[ws] = actor, revision
        self.mirrors[ws] = welcomed(self.welcome(ws, state, now_ms), now_ms)

    def welcome(self, ws: object, state: State, now_ms: int) -> bytes:
        actor = self.actors[ws]
        data = welcome_bytes(state, actor, self.revisions[ws], now_ms)
        if actor.role != "host":
            self.private.append(data)
        return data

    def mirror(self, actor: Actor) -> Mirror:
        return self.mirrors[self.audiences.clients[actor.id or ""].ws]

    def deliver(self, batch: Batch, state: State, now_ms: int, oks: list[Any]) -> None:
        """Close the batch and send what the hub sends: its changes, then its answers."""
        batch.close(state, now_ms, participants=0, hosts=0)
        for audience, frame in batch.frames:
            for ws in self.audiences.targets(audience):
                change = p.decode_server(frame)  # each client decodes its own copy
                if self.actors[ws].role != "host":
                    self.private.append(frame)
                assert not isinstance(change, p.Welcome | p.Ok | p.Error)
                self.mirrors[ws].apply(change, seconds(now_ms))
        for actor, request, decision in oks:  # what client/link.py does with each `ok`
            mirror = self.mirror(actor)
            if isinstance(request, p.Vote | p.Unvote):
                mirror.note_vote(request.question_id, isinstance(request, p.Vote))
            elif isinstance(request, p.Ask) and decision.id is not None:
                mirror.note_asked(decision.id)
            elif isinstance(request, p.FollowUpRequest) and decision.id is not None:
                mirror.note_follow_up(decision.id, True)
            elif isinstance(request, p.FollowUpWithdraw):
                mirror.note_follow_up(request.follow_up_id, False)

    def check(self, state: State, now_ms: int) -> None:
        for ws, mirror in self.mirrors.items():
            fresh = welcomed(self.welcome(ws, state, now_ms), now_ms)
            assert seen(mirror, now_ms) == seen(fresh, now_ms), self.actors[ws]
        self.keep_secrets(state)

    def keep_secrets(self, state: State) -> None:
        """No participant or viewer was sent a follow-up's message or email."""
        secrets = {f.message for f in state.follow_ups.values()} | {
            f.email for f in state.follow_ups.values() if f.email is not None
        }
        for secret in secrets - {""}:
            assert secret in SECRETS, secret  # else it might be said elsewhere, innocently
            assert not any(secret.encode() in data for data in self.private), secret
        self.private.clear()  # checked: later follow-ups say the same texts


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
    opens_early = data.draw(st.booleans(), label="opens_early")
    session = Session(settings_, actors=(HOST,), opens_early=opens_early)
    for i in range(data.draw(st.sampled_from([0, 1, 2, 2]), label="panelists")):
        session.add_panelist(f"Dr. {i}")  # offers are a panelist's: start with some, often
    revisions = st.sampled_from([p.REVISION, p.REVISION, None])  # None: a revision-2 client
    room = Room()
    room.connect(HOST, data.draw(revisions, label="revision"), session.state, session.now)
    room.connect(ROOM, data.draw(revisions, label="revision"), session.state, session.now)
    batch, oks = Batch(), []
    for _ in range(data.draw(st.integers(10, 60), label="steps")):
        actor, request = draw_any_step(data, session.state, actors)
        if actor.role != "viewer" and actor.id not in session.state.identities:
            room.deliver(batch, session.state, session.now, oks)  # a hello is its own turn
            batch, oks = Batch(), []
            session.join(actor)
            revision = data.draw(revisions, label="revision")
            room.connect(actor, revision, session.state, session.now)
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
