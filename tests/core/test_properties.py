"""Property tests: any sequence of requests from several actors keeps the core's invariants."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.client.mirror import Mirror
from panelhost.core import events as ev
from panelhost.core import views
from panelhost.core.fold import apply, fold
from panelhost.core.model import ASK_WINDOW_MS, State
from panelhost.core.rules import (
    ASKS_PER_MINUTE,
    PARTICIPANT_REQUESTS,
    Accepted,
    Actor,
    Rejected,
    decide,
)

from .sessionkit import HOST, VIEWER, Session

ALLOWED_STATUS_CHANGES: frozenset[tuple[str, str]] = frozenset(
    {
        # PROTOCOL.md "Requests": who moves a question from which status to which
        ("pending", "open"),  # approve
        ("pending", "dismissed"),  # dismiss, withdraw
        ("pending", "answering"),  # set_now
        ("open", "dismissed"),  # dismiss, withdraw
        ("open", "answering"),  # set_now
        ("open", "answered"),  # mark_answered
        ("answering", "dismissed"),  # dismiss
        ("answering", "answered"),  # mark_answered, set_now of another question or of null
        ("answered", "dismissed"),  # dismiss
        ("answered", "open"),  # reopen
        ("answered", "answering"),  # set_now
        ("dismissed", "open"),  # restore
    }
)

_event_decoder = msgspec.json.Decoder(list[ev.AnyEvent])

# -- strategies ------------------------------------------------------------------------------

TEXTS = st.one_of(
    st.sampled_from(
        [
            "What do you wish you knew?",
            "How did you pick EM?",
            "  spaced \n  out  ",
            " \t\x1b ",
            "Ben\x1b[31m",
            "[bold]x[/]",
            "\u202eevil",
            "x" * 301,
            "é" * 40,
        ]
    ),
    st.text(max_size=12),
)
SECONDS = st.none() | st.integers(-200, 400)
TIMER_ACTIONS = st.sampled_from(["start", "pause", "resume", "reset", "add"])
ADVANCE_MS = st.sampled_from([0, 0, 1, 999, 5_000, 20_000, 61_000]) | st.integers(0, 120_000)


def weighted(*choices: tuple[int, st.SearchStrategy[p.Request]]) -> st.SearchStrategy[p.Request]:
    """One of `choices`, each as often as its weight (`one_of` drops repeated strategies)."""
    pool = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.sampled_from(pool).flatmap(lambda strategy: strategy)


def _ids(existing: tuple[int, ...]) -> st.SearchStrategy[int]:
    """Mostly ids that exist; sometimes the next one, which does not (yet)."""
    return st.sampled_from([*existing, *existing, *existing, len(existing) + 1])


@functools.cache
def participant_requests(
    questions: tuple[int, ...], panelists: tuple[int, ...]
) -> st.SearchStrategy[p.Request]:
    """Participant requests about these questions and panelists (cached: building is slow)."""
    question_ids = _ids(questions)
    panelist_ids = st.one_of(st.none(), st.none(), st.none(), _ids(panelists))
    asks = st.builds(
        p.Ask,
        text=TEXTS,
        anonymous=st.booleans(),
        panelist_id=panelist_ids,
        nonce=st.none() | st.sampled_from(["n1", "n2", "n3"]),
    )
    votes = st.builds(p.Vote, question_id=question_ids)
    if not questions:
        return weighted((3, asks), (1, votes))
    return weighted(
        (2, asks),
        (2, votes),
        (1, st.builds(p.Unvote, question_id=question_ids)),
        (1, st.builds(p.Withdraw, question_id=question_ids)),
    )


@functools.cache
def host_only_requests(
    questions: tuple[int, ...], panelists: tuple[int, ...]
) -> st.SearchStrategy[p.Request]:
    """Host requests about these questions and panelists (cached: building is slow)."""
    question_ids = _ids(questions)
    panelist_ids = st.none() | _ids(panelists)
    timers = st.builds(
        p.TimerRequest, action=TIMER_ACTIONS, seconds=SECONDS, panelist_id=panelist_ids
    )
    stage_timer = st.sampled_from([True, True, True, False])
    on_stage = st.builds(
        p.SetNow,
        question_id=question_ids,
        panelist_id=panelist_ids,
        timer=stage_timer,
        seconds=st.none() | st.none() | st.integers(-5, 400),
    )
    # weighted towards what builds up interesting states
    return weighted(
        (3, on_stage),
        (
            1,
            st.builds(p.SetNow, question_id=st.none(), panelist_id=panelist_ids, timer=stage_timer),
        ),
        (2, st.builds(p.Approve, question_id=question_ids)),
        (2, st.builds(p.MarkAnswered, question_id=question_ids)),
        (1, st.builds(p.Dismiss, question_id=question_ids)),
        (1, st.builds(p.Restore, question_id=question_ids)),
        (1, st.builds(p.Reopen, question_id=question_ids)),
        (1, st.builds(p.Edit, question_id=question_ids, text=TEXTS)),
        (3, timers),
        (2, st.builds(p.PanelistAdd, name=TEXTS, title=st.none() | TEXTS)),
        (1, st.builds(p.PanelistRemove, panelist_id=_ids(panelists))),
        (1, st.builds(p.NoteRequest, text=TEXTS, question_id=st.none() | question_ids)),
        (
            1,
            st.builds(
                p.SettingsRequest,
                title=st.none() | TEXTS,
                moderation=st.none() | st.booleans(),
                anonymous_allowed=st.none() | st.booleans(),
                answer_seconds=st.none() | st.integers(5, 4000),
            ),
        ),
        # `end` is rare, so that most sequences stay live long enough to be interesting
        (1, st.integers(0, 29).flatmap(lambda n: st.just(p.End()) if n == 0 else timers)),
    )


def draw_step(data: st.DataObject, state: State, actors: list[Actor]) -> tuple[Actor, p.Request]:
    """Mostly hosts sending host requests and participants participant ones; some of each not."""
    ids = tuple(state.questions), tuple(state.panelists)
    roll = data.draw(st.integers(0, 19), label="roll")
    if roll < 11:
        actor = data.draw(st.sampled_from(actors[2:]), label="participant")
        requests = participant_requests(*ids) if roll < 10 else host_only_requests(*ids)
    elif roll < 19:
        actor = actors[0]
        requests = host_only_requests(*ids) if roll < 17 else participant_requests(*ids)
    else:
        actor = actors[1]
        requests = participant_requests(*ids) | host_only_requests(*ids)
    return actor, data.draw(requests, label="request")


# -- invariants ------------------------------------------------------------------------------


@dataclass
class Shadow:
    """What the events say, tallied independently of `apply`."""

    voters: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    statuses: dict[int, str] = field(default_factory=dict)
    asks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    nonces: set[tuple[str, str]] = field(default_factory=set)


def check_event(state_before: State, event: ev.Event, now: int, shadow: Shadow) -> None:
    """One event, against the state it is applied to."""
    assert event.seq == state_before.seq + 1
    assert event.at == now
    if isinstance(event, ev.VoteAdded):
        assert event.voter_id in state_before.identities
        assert event.voter_id not in shadow.voters[event.question_id], "a second vote"
        shadow.voters[event.question_id].add(event.voter_id)
    elif isinstance(event, ev.VoteRemoved):
        assert event.voter_id in shadow.voters[event.question_id], "unvote without a vote"
        shadow.voters[event.question_id].discard(event.voter_id)
    elif isinstance(event, ev.QuestionAsked):
        assert event.question_id == len(state_before.questions) + 1
        assert event.status == ("pending" if state_before.settings.moderation else "open")
        author = state_before.identities[event.author_id or ""]
        if author.role == "participant":
            times = shadow.asks[author.id]
            recent = [t for t in times if t > now - ASK_WINDOW_MS]
            assert len(recent) < ASKS_PER_MINUTE, "rate limit exceeded"
            times.append(now)
        if event.nonce is not None:
            assert (author.id, event.nonce) not in shadow.nonces, "a nonce created twice"
            shadow.nonces.add((author.id, event.nonce))


def check_state(state: State, shadow: Shadow) -> None:
    """Invariants of the state after every step."""
    for question in state.questions.values():
        assert question.voters == shadow.voters[question.id]
        assert question.votes == len(question.voters)
        assert question.voters <= set(state.identities)
        old = shadow.statuses.get(question.id)
        if old is not None and old != question.status:
            assert (old, question.status) in ALLOWED_STATUS_CHANGES, (old, question.status)
        shadow.statuses[question.id] = question.status
    assert sorted(state.questions) == list(range(1, len(state.questions) + 1))
    answering = [q.id for q in state.questions.values() if q.status == "answering"]
    assert answering == ([] if state.now_question_id is None else [state.now_question_id])
    # nobody who left the panel is on stage or has the timer running or paused
    if state.now_panelist_id is not None:
        assert not state.panelists[state.now_panelist_id].removed
    # the timer never names a removed panelist, not even idle (PROTOCOL.md panelist_remove)
    if state.timer.panelist_id is not None:
        assert not state.panelists[state.timer.panelist_id].removed
    segment = state.open_segment()
    assert (segment is not None) == (
        state.timer.state == "running" and state.timer.panelist_id is not None
    )
    if segment is not None:
        assert segment.panelist_id == state.timer.panelist_id


def check_decision(state: State, actor: Actor, request: p.Request, decision: object) -> None:
    """Who may do what, whatever the state."""
    assert isinstance(decision, Accepted | Rejected)
    if actor.role == "viewer":
        assert isinstance(decision, Rejected) and decision.code == "forbidden"
    elif state.status == "ended":
        assert isinstance(decision, Rejected) and decision.code == "session_ended"
    elif actor.role == "participant" and not isinstance(request, PARTICIPANT_REQUESTS):
        assert isinstance(decision, Rejected) and decision.code == "forbidden"
    if isinstance(decision, Accepted):
        assert len(decision.events) <= 3  # set_now: now, timer; mark_answered: +now, +timer


@dataclass(frozen=True)
class Before:
    """What the stage and the speaking times were just before a request."""

    question_id: int | None
    panelist_id: int | None
    spoken: dict[int, int]

    @classmethod
    def of(cls, state: State, now: int) -> Before:
        spoken = {x.id: state.spoken_ms_at(x, now) for x in state.panelists.values()}
        return cls(state.now_question_id, state.now_panelist_id, spoken)


def check_stage(before: Before, request: p.Request, state: State, now: int) -> None:
    """The stage and the timer move together (PROTOCOL.md revision 2), for an accepted request."""
    timer = state.timer
    stage_left = before.question_id is not None and state.now_question_id != before.question_id
    if isinstance(request, p.SetNow):
        assert (state.now_question_id, state.now_panelist_id) == (
            request.question_id,
            request.panelist_id,
        )
        if request.panelist_id is not None and request.timer:
            seconds = request.seconds or state.settings.answer_seconds
            assert (timer.state, timer.panelist_id) == ("running", request.panelist_id)
            assert timer.remaining_at(now) == timer.duration_ms == seconds * 1000
            return
        stage_left = before.question_id is not None or before.panelist_id is not None
    if stage_left:
        assert (timer.state, timer.panelist_id) == ("idle", None), "the answer did not end"
        if not isinstance(request, p.SetNow):
            assert state.now_panelist_id is None, "`now` still names the panelist"
    # the time a timer ran stays counted, whatever ended it
    for panelist_id, spoken in before.spoken.items():
        assert state.spoken_ms_at(state.panelists[panelist_id], now) >= spoken


def check_speakers(state: State, actors: list[Actor], now: int) -> None:
    """No client shows a panelist as speaking unless the timer runs or is paused for them."""
    for actor in actors:
        mirror = Mirror()
        snapshot = views.snapshot(state, actor.id, actor.role, now, 0)
        you = p.You(id=actor.id or "v_1", name="x", role=actor.role)
        mirror.load(p.Welcome(protocol=1, seq=state.seq, you=you, token=None, state=snapshot), 0.0)
        speaker = mirror.speaker()
        if speaker is not None:
            assert snapshot.timer.state in ("running", "paused")
            assert snapshot.timer.panelist_id == speaker.id
            assert not state.panelists[speaker.id].removed


def through_the_journal(events: list[ev.Event]) -> list[ev.Event]:
    """The events as a recovery reads them back: through the journal's JSON."""
    return _event_decoder.decode(msgspec.json.encode(events))


# -- the property ----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_sequence_keeps_the_invariants(data: st.DataObject) -> None:
    settings_ = p.Settings(
        moderation=data.draw(st.booleans(), label="moderation"),
        anonymous_allowed=data.draw(st.booleans(), label="anonymous_allowed"),
        max_question_chars=data.draw(st.sampled_from([20, 300]), label="max_question_chars"),
    )
    count = data.draw(st.integers(2, 4), label="participants")
    actors = [HOST, VIEWER, *(Actor(f"p_{i}", "participant") for i in range(count))]
    session = Session(settings_, actors=(HOST,))
    shadow = Shadow()
    # a replica fed only the journaled form of each event, as a hub recovering would be
    replica = fold(through_the_journal(session.events))
    for _ in range(data.draw(st.integers(10, 80), label="steps")):
        session.advance(data.draw(ADVANCE_MS, label="advance_ms"))
        actor, request = draw_step(data, session.state, actors)
        if actor.id is not None and actor.id not in session.state.identities:
            session.join(actor)  # a participant's first hello comes before its first request
            fold(through_the_journal(session.events[-1:]), replica)
        state = session.state
        before = Before.of(state, session.now)
        decision = decide(state, actor, request, session.now)
        check_decision(state, actor, request, decision)
        if isinstance(decision, Accepted):
            for event in decision.events:
                check_event(state, event, session.now, shadow)
                session.events.append(event)
                apply(state, event)
            fold(through_the_journal(decision.events), replica)
            check_stage(before, request, state, session.now)
        check_state(state, shadow)
        check_speakers(state, actors[:3], session.now)  # host, viewer, a participant
        assert state.seq == session.events[-1].seq == len(session.events)
        assert replica == state

    recovered = fold(through_the_journal(session.events))
    assert recovered == session.state
    for actor in actors:
        for participants in (0, 3):
            live_view = views.snapshot(
                session.state, actor.id, actor.role, session.now, participants
            )
            recovered_view = views.snapshot(
                recovered, actor.id, actor.role, session.now, participants
            )
            assert live_view == recovered_view
            if actor.role != "host":
                visible = {q.id for q in live_view.questions}
                expected = {
                    q.id
                    for q in session.state.questions.values()
                    if q.public or (actor.id is not None and q.author_id == actor.id)
                }
                assert visible == expected
                assert live_view.notes == []
