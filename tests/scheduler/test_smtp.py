"""Reminders leave by SMTP when a host is configured: a tiny SMTP server on 127.0.0.1 receives them."""

import socketserver
import threading
from contextlib import contextmanager
from datetime import date, timedelta

from sqlmodel import select

from tests import factories
from waitinfo.accounts.models import OutboxMessage
from waitinfo.core.settings import get_settings
from waitinfo.scheduler import jobs


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 fake.example ESMTP")
        while True:
            line = self.rfile.readline().decode(errors="replace").strip()
            if not line:
                return
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 fake.example")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                if verb == "RCPT":
                    self.server.received.append({"to": line.split(":", 1)[1].strip(" <>")})
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline().decode(errors="replace")) not in (".\r\n", ""):
                    data.append(chunk)
                self.server.received[-1]["data"] = "".join(data)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


def test_reminder_sent_by_smtp(db, monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    @contextmanager
    def scope():
        yield db
        db.flush()

    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", server.server_address[1])
    monkeypatch.setattr(jobs, "session_scope", scope)
    today = date(2026, 11, 20)
    monkeypatch.setattr(jobs, "today", lambda: today)
    try:
        org = factories.organization(db, "Maand (fictief)", email="maand@praktijk.example")
        factories.service(db, org, assured_date=today - timedelta(days=40))
        assert jobs.send_reminders() == 1
        assert jobs.send_mail() == 1
        assert [r["to"] for r in server.received] == ["maand@praktijk.example"]
        from email import message_from_string, policy

        mail = message_from_string(server.received[0]["data"], policy=policy.default)
        assert mail["Subject"].strip() == "Herinnering: werk de wachttijden en het aanbod van Maand (fictief) bij"
        assert "voor het laatst bevestigd op 11-10-2026" in mail.get_content()
        message = db.exec(select(OutboxMessage)).one()
        assert message.sent_at is not None and message.error is None  # kept in the outbox, marked sent
    finally:
        server.shutdown()
        server.server_close()
