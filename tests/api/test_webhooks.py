"""Webhooks: an API client registers a URL and a local receiver gets HMAC-signed notices of changed ids; a failed
delivery is retried with backoff and every attempt is in the delivery log."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import text
from sqlmodel import select

from waitinfo.apikeys import service as keys
from waitinfo.webhooks import service as hooks
from waitinfo.webhooks.models import WebhookDelivery


class Receiver(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(Receiver.answers.pop(0) if Receiver.answers else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Receiver.answers, Receiver.received = [], []
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()
    thread.join(5)


def _verify(secret: str, headers: dict, body: bytes) -> bool:
    parts = dict(p.split("=", 1) for p in headers["Webhook-Signature"].split(","))
    mac = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, parts["v1"])


def _age(db, sub_id, seconds: int) -> None:
    """Pretend the subscription last looked `seconds` ago (the changes below happen after that)."""
    db.execute(
        text("update webhook_subscription set checked_until = checked_until - make_interval(secs => :s) where id = :i"),
        {"s": seconds, "i": sub_id},
    )
    db.expire_all()


def test_register_notify_sign_retry_and_log(client, db, catalogue, receiver):
    key = keys.create_key(db, name="Hub", scopes=["read"]).plaintext
    headers = {"X-API-Key": key}
    bad = client.post("/api/v1/webhooks", json={"url": "ftp//x"}, headers=headers)
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert client.post("/api/v1/webhooks", json={"url": receiver}).status_code == 401
    r = client.post("/api/v1/webhooks", json={"url": receiver}, headers=headers)
    assert r.status_code == 201, r.text
    sub_id, secret = r.json()["id"], r.json()["secret"]
    assert [w["id"] for w in client.get("/api/v1/webhooks", headers=headers).json()] == [sub_id]
    assert "secret" not in client.get("/api/v1/webhooks", headers=headers).json()[0]

    _age(db, sub_id, 600)
    catalogue["svc"].description = "Nieuwe omschrijving"
    db.add(catalogue["svc"])
    db.delete(catalogue["social"])
    db.flush()
    assert hooks.queue_changes(db) == 1
    assert hooks.queue_changes(db) == 1  # overlap: at least once, never lost

    Receiver.answers = [500]  # the receiver is down the first time
    assert hooks.deliver_pending(db) == 1  # the first fails, the overlapping second arrives
    first = db.exec(
        select(WebhookDelivery).where(WebhookDelivery.attempts == 1, WebhookDelivery.status == "pending")
    ).one()
    assert first.last_status_code == 500 and first.next_attempt_at > first.created_at + timedelta(seconds=50)
    (h1, body1), (h2, body2) = Receiver.received
    assert _verify(secret, h1, body1) and _verify(secret, h2, body2)
    assert not _verify("whsec_wrong", h2, body2)
    notice = json.loads(body2)
    assert str(catalogue["svc"].id) in notice["services"]
    assert {"entity_type": "service", "id": str(catalogue["social"].id)} in notice["deleted"]
    assert notice["id"] == h2["Webhook-Id"]

    # the retry is due after the backoff: delivered, and the log shows both attempts
    first.next_attempt_at = first.created_at - timedelta(seconds=1)
    db.add(first)
    db.flush()
    assert hooks.deliver_pending(db) == 1
    log = client.get(f"/api/v1/webhooks/{sub_id}/deliveries", headers=headers).json()
    assert {d["status"] for d in log} == {"delivered"} and max(d["attempts"] for d in log) == 2
    other = keys.create_key(db, name="Ander", scopes=["read"]).plaintext
    assert client.get(f"/api/v1/webhooks/{sub_id}/deliveries", headers={"X-API-Key": other}).status_code == 404
    assert client.delete(f"/api/v1/webhooks/{sub_id}", headers=headers).status_code == 204
    assert client.get("/api/v1/webhooks", headers=headers).json() == []


def test_gives_up_after_the_last_backoff(db, catalogue):
    key = keys.create_key(db, name="Hub", scopes=["read"]).key
    sub, _ = hooks.register(db, key, "https://hub.example/x")
    delivery = WebhookDelivery(subscription_id=sub.id, payload={"services": []})
    db.add(delivery)
    db.flush()

    class Down:
        status_code = 503

    for _ in range(hooks.MAX_ATTEMPTS):
        hooks.send_webhook(delivery.id, session=db, post=lambda *a, **k: Down())
        delivery.next_attempt_at = delivery.created_at
    db.refresh(delivery)
    assert delivery.status == "failed" and delivery.attempts == hooks.MAX_ATTEMPTS


def test_only_https_except_localhost():
    assert hooks.check_url("https://hub.example/x") and hooks.check_url("http://127.0.0.1:9/x")
    with pytest.raises(hooks.WebhookError):
        hooks.check_url("http://hub.example/x")
