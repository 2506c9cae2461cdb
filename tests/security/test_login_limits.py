"""Finding 5 (login): one spelling of an e-mail address everywhere, limits counted in PostgreSQL (shared by the
workers, bounded, purged), and the same timing for known and unknown addresses."""

import statistics
import time
from datetime import timedelta

from sqlalchemy import text

from tests.auth_tools import make_user
from waitinfo.accounts import service
from waitinfo.accounts.passwords import hash_password
from waitinfo.accounts.schemas import UserCreate

PASSWORD = "Lang-genoeg-wachtwoord-2026!"


def _post(client, path: str, **data):
    client.get("/inloggen")
    data["csrf_token"] = client.cookies.get("waitinfo_csrf", "")
    return client.post(path, data=data, follow_redirects=False)


def test_spelling_variants_share_the_account_limit(db, client):
    """A leading space, capitals or a full-width character were a fresh account to the limiter."""
    make_user(db, "slot@org.example", "transfer", password_hash=hash_password(PASSWORD))
    for _ in range(5):
        assert _post(client, "/inloggen", email="slot@org.example", password="fout").status_code == 400
    for variant in (" slot@org.example", "SLOT@org.example ", "\tSlot@Org.Example", "ｓlot@org.example"):
        r = _post(client, "/inloggen", email=variant, password=PASSWORD)
        assert r.status_code == 429, variant


def test_variants_log_in_to_the_same_account(db, client):
    make_user(db, "naam@org.example", "transfer", password_hash=hash_password(PASSWORD))
    r = _post(client, "/inloggen", email="  Naam@ORG.example ", password=PASSWORD)
    assert r.status_code == 303


def test_user_creation_and_reset_use_the_same_spelling(db):
    user = service.create_user(db, UserCreate(email=" Nieuw@Org.Example", role="transfer"))
    assert user.email == "nieuw@org.example"
    assert service.find_by_email(db, "ｎieuw@org.example ") is not None
    try:
        service.create_user(db, UserCreate(email="NIEUW@org.example", role="transfer"))
    except service.AccountError as exc:
        assert exc.field == "email"
    else:
        raise AssertionError("a second account with another spelling of the same address was created")


def test_attempts_are_counted_in_postgresql_and_purged(db, client, monkeypatch):
    """Every worker sees the same counts (one table), and old rows go: memory no longer grows per address."""
    for i in range(3):
        _post(client, "/inloggen", email=f"onbekend{i}@org.example", password="fout")
    rows = db.execute(text("select kind, key from login_attempt order by key")).all()
    assert ("login", "e:onbekend0@org.example") in [tuple(r) for r in rows]
    assert sum(1 for r in rows if r.key.startswith("a:")) == 3
    # Hours later, a new failure purges what no window needs any more.
    from waitinfo.accounts import ratelimit

    later = ratelimit.now() + timedelta(hours=3)
    monkeypatch.setattr(ratelimit, "now", lambda: later)
    _post(client, "/inloggen", email="laat@org.example", password="fout")
    keys = [r.key for r in db.execute(text("select key from login_attempt")).all()]
    assert sorted(keys) == ["a:testclient", "e:laat@org.example"]


def test_limit_per_client_address(db, client):
    for i in range(20):
        assert _post(client, "/inloggen", email=f"gok{i}@org.example", password="fout").status_code == 400
    assert _post(client, "/inloggen", email="nogeen@org.example", password="fout").status_code == 429


def _median_ms(fn, n: int = 9) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_reset_takes_as_long_for_unknown_addresses(db, client, monkeypatch):
    from waitinfo.accounts import ratelimit
    from waitinfo.web.routes import auth_pages

    # No limit here: measure the work for a known and an unknown address, not the limiter.
    monkeypatch.setattr(auth_pages, "reset_limiter", ratelimit.Limiter("reset", timedelta(hours=1), 10**6, 10**6))
    make_user(db, "bekend@org.example", "transfer", password_hash=hash_password(PASSWORD))
    client.get("/inloggen")
    token = client.cookies.get("waitinfo_csrf", "")

    def ask(email: str):
        return lambda: client.post("/wachtwoord-vergeten", data={"email": email, "csrf_token": token})

    ask("bekend@org.example")(), ask("niemand@org.example")()  # warm up
    known_ms, unknown_ms = _median_ms(ask("bekend@org.example")), _median_ms(ask("niemand@org.example"))
    assert abs(known_ms - unknown_ms) < 0.15 * max(known_ms, unknown_ms), (known_ms, unknown_ms)


def test_login_verifies_a_hash_for_unknown_accounts(monkeypatch, db):
    """An unknown address costs one argon2 verification, like a known one with a wrong password."""
    from argon2 import PasswordHasher

    from waitinfo.accounts import passwords

    calls = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            calls.append(hash)
            return super().verify(hash, password)

    make_user(db, "echt@org.example", "transfer", password_hash=hash_password(PASSWORD))
    monkeypatch.setattr(passwords, "_hasher", Counting(time_cost=1, memory_cost=1024, parallelism=1))
    assert service.authenticate(db, "echt@org.example", "fout") is None
    assert service.authenticate(db, "nep@org.example", "fout") is None
    assert len(calls) == 2 and calls[1].startswith("$argon2id$")


def test_cli_stores_the_same_spelling(engine):
    from sqlmodel import Session, delete, select
    from typer.testing import CliRunner

    from waitinfo.accounts.models import AuditLog, OutboxMessage, User
    from waitinfo.cli import app

    r = CliRunner().invoke(app, ["user", "create", "--email", " CLI-Spelling@WaitInfo.Example ", "--role", "transfer"])
    try:
        assert r.exit_code == 0, r.output
        assert "Account aangemaakt: cli-spelling@waitinfo.example" in r.output
        with Session(engine) as s:
            assert s.exec(select(User).where(User.email == "cli-spelling@waitinfo.example")).one()
    finally:
        with Session(engine) as s:  # the CLI commits in its own session: clean up
            ids = s.exec(select(User.id).where(User.email == "cli-spelling@waitinfo.example")).all()
            s.exec(delete(AuditLog).where(AuditLog.entity_id.in_([str(i) for i in ids])))
            s.exec(delete(OutboxMessage).where(OutboxMessage.to_address == "cli-spelling@waitinfo.example"))
            s.exec(delete(User).where(User.id.in_(ids)))
            s.commit()
