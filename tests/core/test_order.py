"""Queue order, the same in every client (PROTOCOL.md "Queue order")."""

from __future__ import annotations

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core.order import oldest_first, ordered_queue, queue_key

from .sessionkit import ANA, BEN, CAI, HOST, Session


def _ids(session: Session) -> list[int]:
    return [q.id for q in ordered_queue(session.state)]


def _vote(session: Session, question_id: int, *voters) -> None:
    for voter in voters:
        session.ok(voter, p.Vote(question_id=question_id))


def test_open_by_votes_most_first_then_oldest_first() -> None:
    session = Session(actors=(HOST, ANA, BEN, CAI))
    old_one_vote = session.ask(ANA)
    session.advance(1_000)
    new_two_votes = session.ask(BEN)
    session.advance(1_000)
    newer_one_vote = session.ask(CAI)
    session.advance(1_000)
    no_votes = session.ask(ANA)
    _vote(session, old_one_vote, BEN)
    _vote(session, new_two_votes, ANA, CAI)
    _vote(session, newer_one_vote, HOST)
    assert _ids(session) == [new_two_votes, old_one_vote, newer_one_vote, no_votes]
    # a vote moves a question up; an unvote moves it back
    _vote(session, no_votes, BEN, CAI, HOST)
    assert _ids(session)[0] == no_votes
    for voter in (BEN, CAI, HOST):
        session.ok(voter, p.Unvote(question_id=no_votes))
    assert _ids(session) == [new_two_votes, old_one_vote, newer_one_vote, no_votes]


def test_same_millisecond_ties_fall_back_to_id() -> None:
    session = Session()
    first, second = session.ask(ANA), session.ask(BEN)
    assert _ids(session) == [first, second]


def test_answering_first_and_answered_last_most_recent_first() -> None:
    session = Session()
    early, late, reopened, voted, waiting = (session.ask(ANA) for _ in range(5))
    _vote(session, voted, BEN, HOST)
    _vote(session, reopened, BEN)
    session.ok(HOST, p.MarkAnswered(question_id=early))
    session.advance(1_000)
    session.ok(HOST, p.MarkAnswered(question_id=reopened))
    session.advance(1_000)
    session.ok(HOST, p.MarkAnswered(question_id=late))
    on_stage = session.ask(BEN)
    session.ok(HOST, p.SetNow(question_id=on_stage))
    assert _ids(session) == [on_stage, voted, waiting, late, reopened, early]
    # reopened: open again, ranked by its votes; answered again later: first of the answered
    session.ok(HOST, p.Reopen(question_id=reopened))
    assert _ids(session) == [on_stage, voted, reopened, waiting, late, early]
    session.advance(1_000)
    session.ok(HOST, p.SetNow(question_id=reopened))  # on_stage becomes answered now
    assert _ids(session) == [reopened, voted, waiting, on_stage, late, early]


def test_pending_and_dismissed_are_apart_oldest_first() -> None:
    session = Session(p.Settings(moderation=True))
    first, second, third, fourth = (session.ask(who) for who in (ANA, BEN, ANA, BEN))
    session.ok(HOST, p.Approve(question_id=second))
    session.ok(HOST, p.Dismiss(question_id=fourth))
    session.ok(HOST, p.Dismiss(question_id=first))
    assert _ids(session) == [second]
    assert [q.id for q in oldest_first(session.state, "pending")] == [third]
    assert [q.id for q in oldest_first(session.state, "dismissed")] == [first, fourth]
    host_view = views.snapshot(session.state, HOST.id, "host", session.now, 2)
    assert [q.id for q in host_view.questions] == [second, first, third, fourth]


def test_queue_key_groups() -> None:
    answering = queue_key("answering", 0, 500, None, 9)
    open_many = queue_key("open", 10, 900, None, 3)
    open_few_old = queue_key("open", 2, 100, None, 1)
    open_few_new = queue_key("open", 2, 200, None, 2)
    answered_recent = queue_key("answered", 50, 100, 2_000, 4)
    answered_before = queue_key("answered", 99, 100, 1_000, 5)
    keys = [answered_before, open_few_new, answering, answered_recent, open_few_old, open_many]
    assert sorted(keys) == [
        answering,
        open_many,
        open_few_old,
        open_few_new,
        answered_recent,
        answered_before,
    ]
