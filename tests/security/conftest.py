"""Security tests log in through the real forms: fresh limiters and argon2id at test-sized cost."""

import pytest

from tests.account_fixtures import _cheap_argon2, _fresh_limiter  # noqa: F401
from waitinfo.core.settings import get_settings


@pytest.fixture
def configure(monkeypatch):
    """Set WAITINFO_* variables for one test: configure(ENV="production", SECRET_KEY="...")."""

    def apply(**values):
        for name, value in values.items():
            if value is None:
                monkeypatch.delenv(f"WAITINFO_{name}", raising=False)
            else:
                monkeypatch.setenv(f"WAITINFO_{name}", value)
        get_settings.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()
