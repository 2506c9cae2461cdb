"""A local fake of PDOK Locatieserver (/free?q=...&fq=type:postcode), speaking its JSON protocol."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from waitinfo.core.settings import get_settings

# postcode (no space) -> (weergavenaam, lon, lat, gemeentecode, gemeentenaam)
POSTCODES = {
    "7607GH": ("7607GH Almelo", 6.6712, 52.3501, "0141", "Almelo"),
    "7511JE": ("7511JE Enschede", 6.8937, 52.2215, "0153", "Enschede"),
    "1012AB": ("1012AB Amsterdam", 4.8952, 52.3731, "0363", "Amsterdam"),
}


class FakePdok(BaseHTTPRequestHandler):
    calls: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        FakePdok.calls.append({"path": url.path, **query})
        if url.path.rstrip("/").endswith("/free") is False:
            self.send_error(404)
            return
        key = query.get("q", "").replace(" ", "").upper()
        docs = []
        if query.get("fq") == "type:postcode" and key in POSTCODES:
            name, lon, lat, code, muni = POSTCODES[key]
            docs.append(
                {
                    "type": "postcode",
                    "weergavenaam": name,
                    "centroide_ll": f"POINT({lon} {lat})",
                    "gemeentecode": code,
                    "gemeentenaam": muni,
                    "postcode": key,
                }
            )
        body = json.dumps({"response": {"numFound": len(docs), "start": 0, "maxScore": 1.0, "docs": docs}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def fake_pdok(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePdok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakePdok.calls = []
    settings = get_settings()
    monkeypatch.setattr(settings, "pdok_url", f"http://127.0.0.1:{server.server_port}/bzk/locatieserver/search/v3_1")
    monkeypatch.setattr(settings, "geocoder_enabled", True)
    monkeypatch.setattr(settings, "http_timeout_seconds", 2.0)
    yield FakePdok
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def offline_pdok(monkeypatch):
    """A PDOK address where nothing listens (the geocoder is down)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = get_settings()
    monkeypatch.setattr(settings, "pdok_url", f"http://127.0.0.1:{port}/search/v3_1")
    monkeypatch.setattr(settings, "geocoder_enabled", True)
    monkeypatch.setattr(settings, "http_timeout_seconds", 1.0)
