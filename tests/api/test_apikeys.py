"""API keys: hashed storage, scopes, revocation, last use, rate limits (429 + Retry-After), coordinator page, CLI."""

import re

from sqlmodel import select
from typer.testing import CliRunner

from tests.auth_tools import login, make_user
from waitinfo.accounts.models import ApiKey
from waitinfo.apikeys import service as keys
from waitinfo.apikeys.ratelimit import TokenBuckets
from waitinfo.core.settings import get_settings


def test_key_is_stored_hashed_with_visible_prefix(db, catalogue):
    new = keys.create_key(db, name="Versneld Verbinden", scopes=["read"])
    assert new.plaintext.startswith(new.key.prefix + "_") and len(new.plaintext) > 40
    stored = db.get(ApiKey, new.key.id)
    assert new.plaintext not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64
    assert keys.authenticate(db, new.plaintext).id == stored.id
    assert keys.authenticate(db, new.plaintext + "x") is None
    keys.revoke_key(db, stored)
    assert keys.authenticate(db, new.plaintext) is None


def test_push_scope_needs_an_organisation(db):
    import pytest

    with pytest.raises(keys.ApiKeyError, match="aanbieder"):
        keys.create_key(db, name="X", scopes=["push"])


def test_key_use_is_recorded_and_revoked_key_refused(client, db, catalogue):
    new = keys.create_key(db, name="Portaal", scopes=["read"])
    assert client.get("/api/hsds/services", headers={"X-API-Key": new.plaintext}).status_code == 200
    db.refresh(new.key)
    assert new.key.last_used_at is not None
    keys.revoke_key(db, new.key)
    db.flush()
    r = client.get("/api/hsds/services", headers={"Authorization": f"Bearer {new.plaintext}"})
    assert r.status_code == 401 and "ingetrokken" in r.json()["detail"]


def test_rate_limit_per_key_gives_429_with_retry_after(client, db, catalogue):
    new = keys.create_key(db, name="Haastig", scopes=["read"], rate_per_minute=3)
    clock = [1000.0]
    client.app.state.api_buckets = TokenBuckets(clock=lambda: clock[0])
    codes = [client.get("/api/hsds/taxonomies", headers={"X-API-Key": new.plaintext}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.get("/fhir/metadata", headers={"X-API-Key": new.plaintext})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 20  # one token per 20 s at 3/min
    assert "Probeer het over 20 seconden" in r.json()["issue"][0]["diagnostics"]  # FHIR: an OperationOutcome
    clock[0] += 20
    assert client.get("/api/hsds/taxonomies", headers={"X-API-Key": new.plaintext}).status_code == 200


def test_anonymous_reads_are_limited_per_address_at_a_lower_rate(client, db, catalogue, monkeypatch):
    monkeypatch.setattr(get_settings(), "api_anonymous_per_minute", 2)
    client.app.state.api_buckets = TokenBuckets(clock=lambda: 5.0)
    codes = [client.get("/api/v1/wait-times").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    keyed = keys.create_key(db, name="Met sleutel", scopes=["read"]).plaintext
    assert client.get("/api/v1/wait-times", headers={"X-API-Key": keyed}).status_code == 200


def test_coordinator_creates_shows_once_and_revokes(client, db, catalogue):
    coordinator = make_user(db, "coordinator@waitinfo.example", "coordinator")
    csrf = login(client, coordinator)
    page = client.get("/beheer/api-sleutels")
    assert page.status_code == 200 and "Nieuwe sleutel maken" in page.text
    r = client.post(
        "/beheer/api-sleutels",
        data={
            "csrf_token": csrf,
            "name": "Regiohub",
            "scopes": ["read", "push"],
            "organization_id": str(catalogue["org"].id),
            "rate_per_minute": "120",
        },
    )
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    plaintext = re.search(r'value="(wik_[0-9a-f]{8}_[^"]+)"', r.text).group(1)
    key = db.exec(select(ApiKey).where(ApiKey.name == "Regiohub")).one()
    assert key.scopes == ["push", "read"] and key.organization_id == catalogue["org"].id
    assert plaintext not in client.get("/beheer/api-sleutels").text  # never shown again
    bad = client.post(
        "/beheer/api-sleutels",
        data={"csrf_token": csrf, "name": "Zonder org", "scopes": ["push"], "rate_per_minute": "veel"},
    )
    assert bad.status_code == 422 and "Zonder org" in bad.text and "geen heel getal" in bad.text
    r = client.post(f"/beheer/api-sleutels/{key.id}/intrekken", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    db.refresh(key)
    assert key.revoked_at is not None
    assert client.get("/api/hsds/", headers={"X-API-Key": plaintext}).status_code == 401


def test_page_needs_a_coordinator(client, db):
    provider = make_user(db, "aanbieder@waitinfo.example", "provider")
    login(client, provider)
    assert client.get("/beheer/api-sleutels").status_code == 403


def test_cli_create_list_revoke(db, catalogue, monkeypatch):
    from contextlib import contextmanager

    from waitinfo.cli import app

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr("waitinfo.core.database.session_scope", scope)
    runner = CliRunner()
    out = runner.invoke(
        app,
        [
            "apikey",
            "create",
            "--name",
            "CLI-test",
            "--scope",
            "read",
            "--scope",
            "push",
            "--organization",
            catalogue["org"].slug,
        ],
    )
    assert out.exit_code == 0, out.output
    plaintext = out.output.strip().splitlines()[-1]
    prefix = plaintext[:12]  # "wik_" + 8 hex characters
    listed = runner.invoke(app, ["apikey", "list"])
    assert "CLI-test" in listed.output and plaintext not in listed.output
    assert runner.invoke(app, ["apikey", "revoke", prefix]).exit_code == 0
    assert keys.authenticate(db, plaintext) is None
    refused = runner.invoke(app, ["apikey", "create", "--name", "X", "--scope", "push"])
    assert refused.exit_code == 2
