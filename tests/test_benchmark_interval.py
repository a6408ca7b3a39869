"""The fan-out benchmark's confidence interval: resampled by vote, paired across servers."""

from __future__ import annotations

import itertools
import random

import pytest
from benchmarks.interval import p99_ratio_interval


def trials(seed: int, count: int = 30, clients: int = 20) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.expovariate(1000) for _ in range(clients)] for _ in range(count)]


def test_a_server_exactly_twice_the_floor_is_two_with_no_doubt() -> None:
    floor = trials(1)
    doubled = [[2 * d for d in trial] for trial in floor]
    assert p99_ratio_interval(doubled, floor) == pytest.approx((2.0, 2.0))


def test_the_interval_holds_the_whole_run_ratio_and_is_wider_with_fewer_votes() -> None:
    from benchmarks.common import percentile

    server, floor = trials(2), trials(3)
    low, high = p99_ratio_interval(server, floor)
    ratio = percentile([d for t in server for d in t], 99) / percentile(
        [d for t in floor for d in t], 99
    )
    assert low <= ratio <= high
    assert low < high
    few_low, few_high = p99_ratio_interval(server[:5], floor[:5])
    assert few_high - few_low > high - low


def test_the_trials_must_be_paired() -> None:
    with pytest.raises(ValueError, match="same trials"):
        p99_ratio_interval(trials(4, count=3), trials(5, count=4))


def test_the_turn_order_changes_so_each_server_follows_each_other_alike() -> None:
    from benchmarks.fanout import turn_order

    servers = ["floor", "hub (tmpfs)", "hub (disk)"]
    sequence = [s for t in range(1, 61) for s in turn_order(servers, t)]  # type: ignore[arg-type]
    pairs = [pair for pair in itertools.pairwise(sequence) if pair[0] != pair[1]]
    followed = {pair: pairs.count(pair) for pair in set(pairs)}
    assert len(followed) == 6  # every server after every other
    # a fixed order would put the floor after the disk hub in (nearly) every trial
    assert max(followed.values()) <= 1.5 * min(followed.values())
