"""Rate limits the hub enforces per connection and per address."""

from __future__ import annotations

from collections import deque


class TokenBucket:
    """`rate` requests per second with bursts of `burst`."""

    __slots__ = ("_last", "_tokens", "burst", "rate")

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._last = now

    def take(self, now: float) -> bool:
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def wait_s(self) -> float:
        """Seconds until one more request is allowed."""
        return max(0.0, (1 - self._tokens) / self.rate)


class FloodCounter:
    """Counts data messages in the current one-second window."""

    __slots__ = ("_count", "_window", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._window = -1
        self._count = 0

    def over(self, now: float) -> bool:
        window = int(now)
        if window != self._window:
            self._window, self._count = window, 0
        self._count += 1
        return self._count > self.limit


class PerAddressWindow:
    """Events per address over the last minute (failed hellos, new identities)."""

    def __init__(self, limit: int, window_s: float = 60.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float] | None:
        failures = self._failures.get(address)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if not failures:
            del self._failures[address]
            return None
        return failures

    def blocked(self, address: str, now: float) -> bool:
        failures = self._recent(address, now)
        return failures is not None and len(failures) >= self.limit

    def record(self, address: str, now: float) -> None:
        self._recent(address, now)
        self._failures.setdefault(address, deque()).append(now)
