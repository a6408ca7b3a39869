"""The crash harness, small: SIGKILL at random moments, resume, every acknowledged change once."""

from __future__ import annotations

from benchmarks.crash_harness import run


async def test_acknowledged_changes_survive_random_sigkills_exactly_once(tmp_path):
    result = await run(cycles=5, seed=20261124, directory=tmp_path, torn_every=2)
    assert result.cycles == 5
    assert result.acks_checked > 100  # the workload really ran between the kills
    assert result.torn_tails == 2  # cycles 2 and 4 started from a journal with a torn tail
    assert result.corrupt_middle_refused
