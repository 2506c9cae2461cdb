"""Fixtures for tests that log in: fresh rate limiters, and argon2id at test-sized cost."""

import pytest
from argon2 import PasswordHasher

from waitinfo.accounts import passwords
from waitinfo.accounts.ratelimit import login_limiter, reset_limiter


@pytest.fixture(autouse=True)
def _fresh_limiter():
    login_limiter.reset()
    reset_limiter.reset()
    yield
    login_limiter.reset()
    reset_limiter.reset()


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    """Still argon2id, with test-sized cost: hashing at production cost dominates these tests' run time."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
