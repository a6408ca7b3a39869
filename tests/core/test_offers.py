"""Offers and follow-ups in the core: places never oversubscribed, follow-ups seen by hosts
only in every state, and no contact detail in a transcript."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.core import views
from panelhost.core.fold import fold
from panelhost.transcript import build_transcript

from .sessionkit import ANA, BEN, CAI, HOST, VIEWER, Actor, Session

STUDENTS = (ANA, BEN, CAI)


def email_of(actor: Actor) -> str:
    return f"{actor.id}.secret@example.org"


def _step(session: Session, kind: str, who: int, number: int) -> None:
    student = STUDENTS[who % len(STUDENTS)]
    if kind == "offer":
        session.send(
            HOST, p.OfferRequest(panelist_id=1, text=f"offer {number}", places=number % 3 or None)
        )
    elif kind == "remove":
        session.send(HOST, p.OfferRemove(offer_id=number % 4 + 1))
    elif kind == "follow":
        request = p.FollowUpRequest(
            offer_id=number % 4 + 1, message=f"msg-{student.id}", email=email_of(student)
        )
        session.send(student, request)
    elif kind == "general":
        request = p.FollowUpRequest(
            panelist_id=2, message=f"msg-{student.id}", email=email_of(student)
        )
        session.send(student, request)
    elif kind == "withdraw":
        session.send(student, p.FollowUpWithdraw(follow_up_id=number % 6 + 1))
    elif kind == "live":
        session.send(HOST, p.GoLive())
    elif kind == "end":
        session.send(HOST, p.End())


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["offer", "remove", "follow", "general", "withdraw", "live", "end"]),
        st.integers(0, 2),
        st.integers(0, 11),
    ),
    max_size=30,
)


def new_session(opens_early: bool) -> Session:
    session = Session(actors=(HOST, *STUDENTS), opens_early=opens_early)
    session.ok(HOST, p.PanelistAdd(name="Dr. Rivera"))
    session.ok(HOST, p.PanelistAdd(name="Dr. Chen"))
    return session


@settings(max_examples=150, deadline=None)
@given(STEPS, st.booleans())
def test_places_never_oversubscribed_and_follow_ups_only_for_hosts(steps, opens_early) -> None:
    session = new_session(opens_early)
    for kind, who, number in steps:
        _step(session, kind, who, number)
        state = session.state
        for offer in state.offers.values():
            active = [
                f for f in state.follow_ups.values() if f.offer_id == offer.id and not f.withdrawn
            ]
            assert offer.taken == len(active)
            if offer.places is not None:
                assert len(active) <= offer.places
        for actor in (*STUDENTS, VIEWER):
            seen = msgspec.json.encode(
                views.snapshot(state, actor.id, actor.role, session.now, 3)
            ).decode()
            assert "secret@example.org" not in seen and "msg-" not in seen
        host_view = views.snapshot(state, HOST.id, "host", session.now, 3)
        assert len(host_view.follow_ups) == len(state.follow_ups)
    assert fold(session.events).offers == session.state.offers
    transcript = msgspec.json.encode(build_transcript(session.events)).decode()
    assert "secret@example.org" not in transcript and "msg-" not in transcript


def test_a_follow_up_takes_a_place_and_its_withdrawal_gives_it_back() -> None:
    session = new_session(False)
    offer = session.ok(HOST, p.OfferRequest(panelist_id=1, text="Read one statement", places=1))
    asked = session.ok(ANA, p.FollowUpRequest(offer_id=offer.id, email=" ana@example.org "))
    assert session.state.follow_ups[asked.id or 0].email == "ana@example.org"
    refused = session.refused(BEN, p.FollowUpRequest(offer_id=offer.id), "invalid_state")
    assert refused.message == "offer 1 has no places left"
    session.ok(ANA, p.FollowUpWithdraw(follow_up_id=asked.id or 0))
    session.ok(BEN, p.FollowUpRequest(offer_id=offer.id))
    session.refused(VIEWER, p.FollowUpRequest(offer_id=offer.id), "forbidden")
    session.refused(ANA, p.FollowUpRequest(), "bad_request")
    for email in ("ana", "ana@", "@x.org", "a b@x.org", "ana@example"):
        session.refused(ANA, p.FollowUpRequest(panelist_id=1, email=email), "bad_request")
