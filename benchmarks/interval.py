"""How sure a p99 ratio is: a bootstrap interval over votes (trials), not over deliveries.

The deliveries of one vote are not independent (one slow moment delays every client of that
vote), so resampling single deliveries would claim far more certainty than the run has. The
unit is the vote: resample whole trials with replacement, paired across the servers (trial t
of the floor and trial t of the hub took turns in the same moment), and recompute the ratio
of the p99s each time; the interval is the middle 95 % of those ratios.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from benchmarks.common import percentile

RESAMPLES = 400
"""Enough for a 95 % interval to two digits; each resample sorts every delivery."""


def p99_ratio_interval(
    server: Sequence[Sequence[float]],
    floor: Sequence[Sequence[float]],
    *,
    resamples: int = RESAMPLES,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """A percentile-bootstrap interval of p99(server) / p99(floor); one list per trial.

    `server[t]` and `floor[t]` are trial t's delivery latencies. Seeded: the same run gives
    the same interval.
    """
    if len(server) != len(floor):
        raise ValueError("server and floor need the same trials, paired")
    trials = len(server)
    if trials == 0:
        return (0.0, 0.0)
    rng = random.Random(seed)
    ratios: list[float] = []
    for _ in range(resamples):
        picks = [rng.randrange(trials) for _ in range(trials)]
        top = percentile([d for t in picks for d in server[t]], 99)
        bottom = percentile([d for t in picks for d in floor[t]], 99)
        ratios.append(top / max(bottom, 1e-6))
    tail = (1 - confidence) / 2 * 100
    return (percentile(ratios, tail), percentile(ratios, 100 - tail))
