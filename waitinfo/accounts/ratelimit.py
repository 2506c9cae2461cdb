"""Login rate limiting: a sliding window of failed attempts per e-mail address and per client address.

Kept in process memory: with several workers each counts on its own, which still bounds guessing to
workers x limit per window. Successful logins clear the e-mail's counter.
"""

import threading
import time
from collections import defaultdict, deque

WINDOW_SECONDS = 15 * 60
MAX_PER_EMAIL = 5
MAX_PER_ADDRESS = 20


class LoginLimiter:
    def __init__(
        self,
        window: float = WINDOW_SECONDS,
        per_email: int = MAX_PER_EMAIL,
        per_address: int = MAX_PER_ADDRESS,
        clock=time.monotonic,
    ):
        self.window, self.per_email, self.per_address, self.clock = window, per_email, per_address, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        q = self._failures[key]
        cutoff = self.clock() - self.window
        while q and q[0] < cutoff:
            q.popleft()
        return q

    def retry_after(self, email: str, address: str) -> int:
        """Seconds to wait before another attempt is allowed; 0 when allowed now."""
        with self._lock:
            waits = []
            for key, limit in ((f"e:{email.lower()}", self.per_email), (f"a:{address}", self.per_address)):
                q = self._recent(key)
                if len(q) >= limit:
                    waits.append(int(q[0] + self.window - self.clock()) + 1)
            return max(waits, default=0)

    def failed(self, email: str, address: str) -> None:
        with self._lock:
            t = self.clock()
            self._failures[f"e:{email.lower()}"].append(t)
            self._failures[f"a:{address}"].append(t)

    def succeeded(self, email: str) -> None:
        with self._lock:
            self._failures.pop(f"e:{email.lower()}", None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


login_limiter = LoginLimiter()
# Reset links by e-mail: every request counts, so nobody can flood an inbox or the outbox.
reset_limiter = LoginLimiter(window=60 * 60, per_email=3, per_address=10)
