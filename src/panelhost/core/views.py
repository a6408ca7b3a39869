"""What each role sees of the state, as wire messages (pure: `now` is passed in)."""

from __future__ import annotations

from panelhost.core import shapes as p
from panelhost.core.clock import rfc3339
from panelhost.core.followup_model import FollowUp, Offer
from panelhost.core.model import Note, Question, State
from panelhost.core.order import ordered_queue
from panelhost.core.visibility import Audience, visible_to
from panelhost.core.vocabulary import Role, Settings


def question(q: Question) -> p.Question:
    return p.Question(
        id=q.id,
        text=q.text,
        author=q.author_name,
        votes=q.votes,
        status=q.status,
        asked_at=rfc3339(q.asked_at),
        panelist_id=q.panelist_id,
        answered_at=None if q.answered_at is None else rfc3339(q.answered_at),
        asked_early=q.asked_early,
    )


def note(n: Note) -> p.Note:
    return p.Note(id=n.id, question_id=n.question_id, text=n.text, at=rfc3339(n.at))


def offer(o: Offer) -> p.Offer:
    return p.Offer(
        id=o.id,
        panelist_id=o.panelist_id,
        text=o.text,
        places=o.places,
        places_left=o.places_left,
        at=rfc3339(o.at),
    )


def follow_up(f: FollowUp) -> p.FollowUp:
    """For hosts only: it carries the contact details the participant gave."""
    return p.FollowUp(
        id=f.id,
        name=f.name,
        panelist_id=f.panelist_id,
        offer_id=f.offer_id,
        message=f.message,
        email=f.email,
        at=rfc3339(f.at),
        withdrawn=f.withdrawn,
    )


def session_info(state: State) -> p.SessionInfo:
    return p.SessionInfo(
        id=state.session_id,
        title=state.title,
        status=state.status,
        started_at=rfc3339(state.started_at),
        ended_at=None if state.ended_at is None else rfc3339(state.ended_at),
    )


def settings(state: State) -> Settings:
    return state.settings  # frozen: shared, never copied


def timer(state: State, now: int) -> p.Timer:
    t = state.timer
    return p.Timer(
        state=t.state,
        panelist_id=t.panelist_id,
        duration_ms=t.duration_ms,
        remaining_ms=t.remaining_at(now),
    )


def panelists(state: State, now: int) -> list[p.Panelist]:
    """The current panel, with speaking time up to `now`."""
    return [
        p.Panelist(
            id=x.id,
            name=x.name,
            title=x.title,
            spoken_ms=state.spoken_ms_at(x, now),
            answers=x.answers,
        )
        for x in state.active_panelists()
    ]


def snapshot(
    state: State, identity_id: str | None, role: Role, now: int, participants: int
) -> p.Snapshot:
    """The `state` of a `welcome` for this identity and role."""
    audience = Audience(role, identity_id)
    # the queue (every public question, in order), then the others this audience may see
    visible = ordered_queue(state) + [
        q for q in state.questions.values() if not q.public and visible_to(q, audience)
    ]
    my_votes = [q.id for q in visible if identity_id is not None and identity_id in q.voters]
    my_questions = [q.id for q in visible if identity_id is not None and q.author_id == identity_id]
    return p.Snapshot(
        session=session_info(state),
        settings=settings(state),
        panelists=panelists(state, now),
        questions=[question(q) for q in visible],
        now=p.Now(question_id=state.now_question_id, panelist_id=state.now_panelist_id),
        timer=timer(state, now),
        participants=participants,
        my_votes=my_votes,
        my_questions=my_questions,
        notes=[note(n) for n in state.notes] if role == "host" else [],
        offers=[offer(o) for o in state.offers.values() if not o.removed],
        follow_ups=[follow_up(f) for f in state.follow_ups.values()] if role == "host" else [],
        my_follow_ups=[
            f.id
            for f in state.follow_ups.values()
            if identity_id is not None and f.identity_id == identity_id and not f.withdrawn
        ],
    )
