"""Password hashing with argon2 (argon2-cffi defaults: argon2id), at most MAX_PARALLEL at a time per process.

Each argon2id hash takes ~64 MB and a core for ~50 ms: forty logins at once took 1.5 GB and the CPU from every
other request (issue 15). Callers beyond the cap wait their turn (in the thread pool, never on the event loop).
"""

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
MAX_PARALLEL = 2
_slots = threading.BoundedSemaphore(MAX_PARALLEL)

MIN_LENGTH = 10


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


_dummy: dict[PasswordHasher, str] = {}


def _dummy_hash() -> str:
    """A hash made with the current hasher's parameters, to verify against when there is no account."""
    if _hasher not in _dummy:
        _dummy.clear()
        _dummy[_hasher] = _hasher.hash("no account has this password")
    return _dummy[_hasher]


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        # The same verification as for a real account, so a missing account is not visible from timing.
        try:
            with _slots:
                _hasher.verify(_dummy_hash(), password or "x")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            pass
        return False
    try:
        with _slots:
            return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str) -> str | None:
    """A Dutch message when a new password is too weak, else None."""
    if len(password) < MIN_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens."
    if password.strip() != password:
        return "Het wachtwoord mag niet beginnen of eindigen met een spatie."
    return None
