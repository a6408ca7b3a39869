"""Exponential backoff with jitter between a link's reconnect attempts."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with jitter between reconnect attempts."""

    first_s: float = 0.25
    factor: float = 2.0
    max_s: float = 8.0
    jitter: float = 0.5
    """Each delay is cut by a random fraction up to this, so clients do not return in step."""

    def delay(self, attempt: int, rng: random.Random) -> float:
        base = min(self.max_s, self.first_s * self.factor ** min(attempt, 30))
        return base * (1.0 - self.jitter * rng.random())
