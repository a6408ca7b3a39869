"""The replay cursor: any seek, forward or back, gives the state a plain fold gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from panelhost.core import events as ev
from panelhost.core.views import snapshot
from panelhost.transcript import (
    TranscriptError,
    build_transcript,
    load_transcript,
    replay_state,
)
from panelhost.tui.replay.cursor import ReplayCursor, copy_state
from panelhost.tui.replay.facts import gather_facts
from tests.tui.replay.bigsession import big_events

EXAMPLE = Path(__file__).resolve().parents[3] / "sessions" / "2026-11-25-em-alumni-panel.json"


def view(state, at: int):
    return snapshot(state, None, "host", at, 0)


def test_seeks_in_any_order_match_a_fresh_fold() -> None:
    transcript = build_transcript(big_events(questions=300, events=12_000, seed=3))
    cursor = ReplayCursor(transcript, every=700)
    rng = random.Random(4)
    targets = [rng.randrange(cursor.count + 1) for _ in range(25)] + [0, cursor.count, 1]
    for index in targets:
        state = cursor.seek(index)
        expected = replay_state(transcript, index)
        at = transcript.events[max(0, index - 1)].at
        assert view(state, at) == view(expected, at), index
    assert view(cursor.final, 0) == view(replay_state(transcript), 0)


def test_checkpoints_are_independent_copies() -> None:
    transcript = load_transcript(EXAMPLE)
    state = replay_state(transcript)
    copy = copy_state(state)
    question = next(iter(copy.questions.values()))
    question.voters.add("someone new")
    copy.timer.remaining_ms += 5
    assert view(state, 0) != view(copy, 0)


def test_seek_by_time_takes_every_event_at_that_moment() -> None:
    transcript = load_transcript(EXAMPLE)
    cursor = ReplayCursor(transcript)
    at = transcript.events[10].at
    cursor.seek_time(at)
    assert cursor.index == sum(1 for e in transcript.events if e.at <= at)


def test_a_timeline_that_does_not_fold_is_one_line() -> None:
    transcript = load_transcript(EXAMPLE)
    bad = ev.VoteAdded(seq=10**6, at=transcript.session.last_event_at, question_id=999,
                       voter_id="v1")  # fmt: skip
    transcript.events.append(bad)
    with pytest.raises(TranscriptError) as caught:
        ReplayCursor(transcript, "t.json")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("t.json: invalid transcript: event")


def test_facts_of_the_example() -> None:
    transcript = load_transcript(EXAMPLE)
    facts = gather_facts(transcript)
    assert facts.start == transcript.session.started_at
    assert facts.end >= transcript.session.last_event_at
    assert len(facts.stage_marks) >= 10
    votes = sum(isinstance(e, ev.VoteAdded) for e in transcript.events)
    assert sum(facts.votes_per_bucket) == votes
    assert len(facts.votes_per_bucket) <= 121
    answered = next(q for q in transcript.questions if q.status == "answered")
    assert facts.moment_of(answered.id) == facts.first_on_stage[answered.id]
    assert facts.moment_of(10_000) is None
