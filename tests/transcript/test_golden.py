"""The example transcript in sessions/: it loads, replays, has what it claims; golden export."""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path

from panelhost.core import events as ev
from panelhost.transcript import load_transcript, replay_state
from panelhost.transcript.markdown import export_markdown

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "2026-11-25-em-alumni-panel.json"
GOLDEN = Path(__file__).with_name("golden") / "2026-11-25-em-alumni-panel.md"
REGENERATE = (
    "regenerate with: PANELHOST_UPDATE_GOLDEN=1 pytest tests/transcript/test_golden.py "
    "(after scripts/make_example_session.py, if the example changed)"
)


def test_the_markdown_export_of_the_example_matches_the_golden_file() -> None:
    exported = export_markdown(load_transcript(EXAMPLE), UTC).encode()
    if os.environ.get("PANELHOST_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(exported)
    assert exported == GOLDEN.read_bytes(), REGENERATE


def test_the_example_is_a_whole_moderated_timed_session() -> None:
    transcript = load_transcript(EXAMPLE)
    kinds = {type(event) for event in transcript.events}
    assert {
        ev.QuestionApproved,
        ev.QuestionDismissed,
        ev.QuestionEdited,
        ev.TimerPaused,
        ev.TimerResumed,
        ev.TimerAdjusted,
        ev.NoteTaken,
        ev.SessionEnded,
    } <= kinds
    assert len(transcript.panelists) == 4
    assert len(transcript.questions) >= 30
    assert any(q.author is None for q in transcript.questions)
    assert any(q.panelist_id is not None for q in transcript.questions)
    assert all(p.answers > 0 and p.spoken_ms > 0 for p in transcript.panelists)
    state = replay_state(transcript)
    assert state.status == "ended"
    assert state.timer.state == "idle"
