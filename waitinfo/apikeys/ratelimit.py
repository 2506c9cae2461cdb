"""In-process token buckets: per API key at the key's rate, per client address for anonymous reads.

With several workers each keeps its own buckets, so the effective limit is workers x rate; good enough
to stop runaway clients without a shared store.
"""

import math
import threading
import time


class TokenBuckets:
    def __init__(self, clock=time.monotonic, max_entries: int = 50_000):
        self.clock = clock
        self.max_entries = max_entries
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, last refill moment)
        self._lock = threading.Lock()

    def take(self, name: str, per_minute: int) -> int:
        """Take one token; returns 0 when allowed, else the seconds to wait (Retry-After)."""
        capacity = float(max(1, per_minute))
        rate = capacity / 60.0
        with self._lock:
            t = self.clock()
            tokens, last = self._buckets.get(name, (capacity, t))
            tokens = min(capacity, tokens + (t - last) * rate)
            if tokens >= 1.0:
                self._buckets[name] = (tokens - 1.0, t)
                self._evict()
                return 0
            self._buckets[name] = (tokens, t)
            return max(1, math.ceil((1.0 - tokens) / rate))

    def remaining(self, name: str, per_minute: int) -> tuple[int, int]:
        """(whole tokens left, seconds until the bucket is full again), for the RateLimit headers."""
        capacity = float(max(1, per_minute))
        rate = capacity / 60.0
        with self._lock:
            t = self.clock()
            tokens, last = self._buckets.get(name, (capacity, t))
            tokens = min(capacity, tokens + (t - last) * rate)
        return int(tokens), math.ceil((capacity - tokens) / rate)

    def _evict(self) -> None:
        if len(self._buckets) > self.max_entries:  # forget the oldest half; they refilled long ago
            for name in sorted(self._buckets, key=lambda n: self._buckets[n][1])[: self.max_entries // 2]:
                del self._buckets[name]

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()
