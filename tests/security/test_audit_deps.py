"""scripts/audit_deps.py against a local fake of PyPI's JSON API (no network): clean, vulnerable, outdated,
unknown and a transient server error that is retried."""

import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_deps.py"


def _load():
    spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _load()
PROJECTS = {
    "schoon": {"info": {"version": "2.0"}, "vulnerabilities": []},
    "lek": {
        "info": {"version": "1.4"},
        "vulnerabilities": [{"id": "PYSEC-2026-1", "aliases": ["CVE-2026-0001"], "fixed_in": ["1.5"]}],
    },
    "oud": {"info": {"version": "3.1"}, "vulnerabilities": []},
    "hapert": {"info": {"version": "1.0"}, "vulnerabilities": []},
}


@pytest.fixture
def fake_pypi():
    hits = {"hapert": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            name = self.path.strip("/").split("/")[-2]
            if name == "hapert":
                hits["hapert"] += 1
                if hits["hapert"] == 1:  # first try fails, the retry works
                    self.send_response(503)
                    self.end_headers()
                    return
            doc = PROJECTS.get(name)
            self.send_response(200 if doc else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            if doc:
                self.wfile.write(json.dumps(doc).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/pypi", hits
    server.shutdown()
    server.server_close()


def test_clean_run_exits_zero(fake_pypi, monkeypatch, capsys):
    index, hits = fake_pypi
    monkeypatch.setattr(audit, "installed", lambda: {"schoon": "2.0", "hapert": "1.0", "waitinfo": "0.1"})
    monkeypatch.setattr(audit.time, "sleep", lambda s: None)
    assert audit.main(["--index", index]) == 0
    assert hits["hapert"] == 2  # retried after the 503
    assert "2 pakketten gecontroleerd, 0 bevinding(en)." in capsys.readouterr().out


def test_vulnerable_outdated_and_unknown_are_findings(fake_pypi, monkeypatch, capsys):
    index, _ = fake_pypi
    monkeypatch.setattr(audit, "installed", lambda: {"lek": "1.4", "oud": "3.0", "onbekend": "0.1", "schoon": "2.0"})
    assert audit.main(["--index", index]) == 1
    out = capsys.readouterr().out
    assert "lek 1.4: PYSEC-2026-1 CVE-2026-0001 — opgelost in 1.5" in out
    assert "oud 3.0: niet de nieuwste versie (3.1)" in out
    assert "onbekend 0.1: niet gevonden op PyPI" in out
    assert "4 pakketten gecontroleerd, 3 bevinding(en)." in out
    assert audit.main(["--index", index, "--ignore", "lek", "oud", "onbekend"]) == 0
