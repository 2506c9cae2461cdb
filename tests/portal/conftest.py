"""Login tests share the account fixtures (fresh rate limiters, cheap argon2id)."""

from tests.account_fixtures import _cheap_argon2, _fresh_limiter  # noqa: F401
