"""Fixtures for tests that log in: fresh rate limiters, and argon2id at test-sized cost."""

import pytest
from argon2 import PasswordHasher

from waitinfo.accounts import passwords


@pytest.fixture(autouse=True)
def _fresh_limiter():
    """The limiter counts in PostgreSQL: each test's rolled-back transaction starts it empty."""
    yield


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    """Still argon2id, with test-sized cost: hashing at production cost dominates these tests' run time."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
