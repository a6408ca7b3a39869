"""Journals and transcripts written before protocol revision 2 load and fold as they did.

`fixtures/revision1.*` were written by panelhost at commit 4532627 (see
fixtures/make_revision1_session.py): set_now and the timer as separate requests, `m` and
`c` followed by a pause or a reset, a new question on stage with the last answer's timer.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from panelhost.core import events as ev
from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.journal import read_journal
from panelhost.transcript import load_transcript, replay_state

from .revision3 import without_revision3

FIXTURES = Path(__file__).with_name("fixtures")


def test_a_revision1_journal_folds_to_the_states_it_folded_to_then() -> None:
    recovered = read_journal(FIXTURES / "revision1.journal")
    assert recovered.warning is None
    expected = (FIXTURES / "revision1.states.jsonl").read_bytes().splitlines()
    assert len(recovered.events) == len(expected) == 32
    state = State()
    for event, then in zip(recovered.events, expected, strict=True):
        apply(state, event)
        assert _before_revision3(state) == msgspec.json.decode(then), f"after seq {event.seq}"
    # what revision 1 left: a paused timer after `m`, naming the panelist on stage
    assert (state.timer.state, state.timer.panelist_id, state.now_panelist_id) == ("paused", 2, 2)
    resets = [e for e in recovered.events if isinstance(e, ev.TimerReset)]
    assert resets and not any(reset.to_nobody for reset in resets)


def _before_revision3(state: State) -> object:
    return without_revision3(msgspec.json.decode(msgspec.json.encode(state)))


def test_a_revision1_transcript_loads_and_replays_to_the_journals_timers() -> None:
    transcript = load_transcript(FIXTURES / "revision1.transcript.json")
    replayed = replay_state(transcript)
    journal = State()
    for event in read_journal(FIXTURES / "revision1.journal").events:
        apply(journal, event)
    assert replayed.timer == journal.timer
    assert (replayed.now_question_id, replayed.now_panelist_id) == (
        journal.now_question_id,
        journal.now_panelist_id,
    )
    assert replayed.segments == journal.segments
    assert {p.id: p.spoken_ms for p in transcript.panelists} == {1: 150_000, 2: 107_000, 3: 0}
