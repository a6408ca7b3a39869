"""Property tests: any request sequence -> events -> transcript -> file -> replay = live state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelhost import protocol as p
from panelhost.core import Actor, State, fold
from panelhost.core import events as ev
from panelhost.transcript import (
    build_transcript,
    encode_transcript,
    index_at_seq,
    load_transcript,
    replay_state,
    save_transcript,
    transcript_events,
)

from .transcript_driver import DrivenSession, host_view

TEXTS = st.sampled_from(
    ["How did you choose?", "[bold]x[/] <b>y</b>", "  spaced \n out ", "", "é" * 10, "x" * 400]
)
PARTICIPANT_KINDS = ("ask", "ask", "vote", "vote", "vote", "unvote", "withdraw")
HOST_KINDS = (
    "approve",
    "dismiss",
    "restore",
    "edit",
    "set_now",
    "set_now",
    "clear_stage",
    "mark_answered",
    "reopen",
    "start",
    "pause",
    "resume",
    "reset",
    "add",
    "panelist_add",
    "panelist_remove",
    "note",
    "settings",
)
SIMPLE = {
    "vote": p.Vote,
    "unvote": p.Unvote,
    "withdraw": p.Withdraw,
    "approve": p.Approve,
    "dismiss": p.Dismiss,
    "restore": p.Restore,
    "mark_answered": p.MarkAnswered,
    "reopen": p.Reopen,
}


@dataclass(frozen=True)
class Step:
    """One request, made concrete against the live state (ids are picked among existing ones)."""

    advance_ms: int
    actor: int
    """Which participant; one past the last joins a new one. Host kinds are the host's."""
    kind: str
    pick: int
    flag: bool
    text: str


STEPS = st.lists(
    st.builds(
        Step,
        st.sampled_from([0, 10, 1_000, 30_000, 61_000]),
        st.integers(0, 3),
        st.sampled_from(PARTICIPANT_KINDS * 3 + HOST_KINDS),
        st.integers(0, 50),
        st.booleans(),
        TEXTS,
    ),
    min_size=10,
    max_size=80,
)


def concrete(step: Step, state: State) -> p.Request:
    """The request `step` stands for, with ids that mostly exist."""
    question_id = step.pick % (len(state.questions) or 1) + 1
    panelist_id = step.pick % (len(state.panelists) + 1) + 1
    stage_panelist = panelist_id if step.flag else None
    kind = step.kind
    if kind in SIMPLE:
        return SIMPLE[kind](question_id=question_id)
    if kind == "ask":
        return p.Ask(text=step.text, anonymous=step.flag, nonce=f"n{step.pick % 3}")
    if kind == "edit":
        return p.Edit(question_id=question_id, text=step.text)
    if kind == "set_now":
        return p.SetNow(question_id=question_id, panelist_id=stage_panelist)
    if kind == "clear_stage":
        return p.SetNow(question_id=None, panelist_id=None)
    if kind in ("start", "pause", "resume", "reset", "add"):
        seconds = step.pick * 7 - 100  # `add` takes time away too
        if kind == "start":
            seconds = None if step.flag else step.pick * 3 + 1
        return p.TimerRequest(action=kind, seconds=seconds, panelist_id=stage_panelist)
    if kind == "panelist_add":
        return p.PanelistAdd(name=f"Dr. P{step.pick}", title=step.text or None)
    if kind == "panelist_remove":
        return p.PanelistRemove(panelist_id=panelist_id)
    if kind == "note":
        about = question_id if step.flag else None
        return p.NoteRequest(text=step.text or "a note", question_id=about)
    if kind == "settings":
        return p.SettingsRequest(moderation=step.flag, title=step.text or None)
    raise AssertionError(kind)


def drive(steps: list[Step], end: bool = False) -> DrivenSession:
    """Run the steps through the real core; new participants join along the way."""
    session = DrivenSession()
    session.ok(session.host, p.PanelistAdd(name="Dr. Osei", title="FM"))
    participants: list[Actor] = []
    for step in steps:
        if step.kind in HOST_KINDS:
            actor = session.host
        else:
            if step.actor >= len(participants):
                number = len(participants) + 1
                participants.append(
                    session.join(f"ident-{number:03d}", "participant", f"Student {number}")
                )
            actor = participants[min(step.actor, len(participants) - 1)]
        session.request(actor, concrete(step, session.state), step.advance_ms)
    if end:
        session.ok(session.host, p.End())
    return session


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS, end=st.booleans())
def test_file_round_trip_folds_to_the_live_state(
    steps: list[Step], end: bool, tmp_path: Path
) -> None:
    session = drive(steps, end)
    transcript = build_transcript(session.events)
    path = tmp_path / "t.json"
    save_transcript(transcript, path)
    loaded = load_transcript(path)

    assert loaded == transcript
    assert encode_transcript(loaded) == path.read_bytes()
    replayed = fold(transcript_events(loaded))
    assert host_view(replayed, session.now) == session.host_view()
    data = path.read_text()
    for secret in session.secrets:
        assert secret not in data


@settings(max_examples=40, deadline=None)
@given(steps=STEPS, end=st.booleans())
def test_replay_at_every_event_equals_the_live_state_at_that_seq(
    steps: list[Step], end: bool
) -> None:
    session = drive(steps, end)
    live_views = {}
    live = State()
    for event in session.events:
        live = fold([event], live)
        live_views[event.seq] = host_view(live, event.at)

    transcript = build_transcript(session.events)
    for index, event in enumerate(transcript.events):
        replayed = replay_state(transcript, index + 1)
        assert host_view(replayed, event.at) == live_views[event.seq], (index, event)
        assert index_at_seq(transcript, event.seq) == index + 1
    # at an identity's seq (dropped from the timeline) the state is the event before it
    for event in session.events:
        if isinstance(event, ev.IdentityCreated):
            count = index_at_seq(transcript, event.seq)
            assert host_view(replay_state(transcript, count), event.at) == live_views[event.seq]
