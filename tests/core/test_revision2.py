"""Journals and transcripts in the format of protocol revision 2 (commit eaf6578) still load.

`fixtures/revision2.*` were written by panelhost at that commit, before the event schema
carried a version (see fixtures/make_revision2_session.py); every kind of event is in them.
A reader must keep loading them and folding them to the states they folded to then.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from panelhost.core.fold import apply
from panelhost.core.model import State
from panelhost.journal import read_journal
from panelhost.transcript import build_transcript, load_transcript, replay_state

from .revision3 import without_revision3

FIXTURES = Path(__file__).with_name("fixtures")
EVENT_KINDS = 23


def _comparable(encoded: bytes) -> object:
    """A state's JSON with each question's voters sorted (a set encodes in any order)."""
    state = without_revision3(msgspec.json.decode(encoded))
    for question in state["questions"].values():
        question["voters"].sort()
    return state


def test_a_revision2_journal_folds_to_the_states_it_folded_to_then() -> None:
    recovered = read_journal(FIXTURES / "revision2.journal")
    assert recovered.warning is None and recovered.corrupt is None
    expected = (FIXTURES / "revision2.states.jsonl").read_bytes().splitlines()
    assert len(recovered.events) == len(expected) == 48
    assert len({type(event) for event in recovered.events}) == EVENT_KINDS
    state = State()
    for event, then in zip(recovered.events, expected, strict=True):
        apply(state, event)
        assert _comparable(msgspec.json.encode(state)) == _comparable(then), f"seq {event.seq}"
    assert state.status == "ended" and state.title == "EM alumni panel, spring"


def test_a_revision2_transcript_loads_and_replays_to_the_journals_state() -> None:
    transcript = load_transcript(FIXTURES / "revision2.transcript.json")
    journal = read_journal(FIXTURES / "revision2.journal").events
    folded = State()
    for event in journal:
        apply(folded, event)
    replayed = replay_state(transcript)
    # the transcript holds no identities: compare what it keeps of each question
    assert {
        q.id: (q.text, q.status, q.votes, q.author_name) for q in replayed.questions.values()
    } == {q.id: (q.text, q.status, q.votes, q.author_name) for q in folded.questions.values()}
    assert replayed.panelists == folded.panelists
    assert replayed.segments == folded.segments
    assert replayed.timer == folded.timer
    assert replayed.settings == folded.settings
    # and today's build of the same journal summarises it as that panelhost did
    rebuilt = build_transcript(journal)
    assert rebuilt.questions == transcript.questions
    assert rebuilt.panelists == transcript.panelists
    assert rebuilt.session.settings == transcript.session.settings
