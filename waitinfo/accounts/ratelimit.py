"""Login and reset limits: a sliding window of attempts per e-mail address and per client address.

Kept in PostgreSQL (`login_attempt`), so every worker counts the same attempts and memory stays flat however
many addresses an attacker tries; rows older than the longest window are purged as new ones arrive. Keys use
the normalised e-mail address, so " Naam@Org.nl" counts for "naam@org.nl". Writes join the request's
transaction (the route returns normally on a failed login, so the count is committed with it).
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, delete, func, select

from waitinfo.accounts.emails import normalise_email
from waitinfo.accounts.models import LoginAttempt
from waitinfo.core.clock import now

KEEP = timedelta(hours=2)  # longer than every window below


@dataclass(frozen=True)
class Limiter:
    kind: str
    window: timedelta
    per_email: int
    per_address: int

    def _keys(self, email: str, address: str) -> list[tuple[str, int]]:
        return [(f"e:{normalise_email(email)}", self.per_email), (f"a:{address}", self.per_address)]

    def retry_after(self, session: Session, email: str, address: str) -> int:
        """Seconds to wait before another attempt is allowed; 0 when allowed now."""
        moment = now()
        cutoff = moment - self.window
        waits = []
        for key, limit in self._keys(email, address):
            count, oldest = session.exec(
                select(func.count(), func.min(LoginAttempt.at)).where(
                    LoginAttempt.kind == self.kind, LoginAttempt.key == key, LoginAttempt.at > cutoff
                )
            ).one()
            if count >= limit:
                waits.append(int((oldest + self.window - moment).total_seconds()) + 1)
        return max(waits, default=0)

    def failed(self, session: Session, email: str, address: str) -> None:
        moment = now()
        for key, _ in self._keys(email, address):
            session.add(LoginAttempt(kind=self.kind, key=key[:300], at=moment))
        session.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < moment - KEEP))
        session.flush()

    def succeeded(self, session: Session, email: str) -> None:
        key = f"e:{normalise_email(email)}"
        session.exec(delete(LoginAttempt).where(col(LoginAttempt.kind) == self.kind, col(LoginAttempt.key) == key))


login_limiter = Limiter("login", window=timedelta(minutes=15), per_email=5, per_address=20)
# Reset links by e-mail: every request counts, so nobody can flood an inbox or the outbox.
reset_limiter = Limiter("reset", window=timedelta(hours=1), per_email=3, per_address=10)
