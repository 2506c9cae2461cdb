import pytest

from waitinfo.accounts.ratelimit import login_limiter


@pytest.fixture(autouse=True)
def _fresh_limiter():
    login_limiter.reset()
    yield
    login_limiter.reset()
