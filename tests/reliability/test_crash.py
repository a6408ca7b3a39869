"""The crash harness, small: SIGKILL at random moments, resume, every acknowledged change once;
and the power-loss mode, which cuts the journal back to its last fsync after each kill."""

from __future__ import annotations

import pytest
from benchmarks.crash_harness import HarnessFailure, run


async def test_acknowledged_changes_survive_random_sigkills_exactly_once(tmp_path):
    result = await run(cycles=5, seed=20261124, directory=tmp_path, torn_every=2)
    assert result.cycles == 5
    assert result.acks_checked > 100  # the workload really ran between the kills
    assert result.torn_tails == 2  # cycles 2 and 4 started from a journal with a torn tail
    assert result.corrupt_middle_refused


async def test_acknowledged_changes_survive_power_loss_after_each_kill(tmp_path):
    result = await run(cycles=4, seed=20261201, directory=tmp_path, torn_every=2, power_loss=True)
    assert result.cycles == 4 and result.acks_checked > 100
    assert result.torn_tails == 2


async def test_the_power_loss_mode_catches_a_hub_that_skips_its_fsyncs(tmp_path):
    # SIGKILL alone cannot tell: the page cache survives it, so this passes ...
    plain = await run(cycles=2, seed=7, directory=tmp_path / "kill", fsync="skip")
    assert plain.acks_checked > 0
    # ... and a power cut after the kill loses what the hub acknowledged without an fsync.
    with pytest.raises(HarnessFailure, match="lost: acknowledged"):
        await run(cycles=5, seed=7, directory=tmp_path / "power", power_loss=True, fsync="skip")
