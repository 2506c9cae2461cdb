"""Security headers, request ids, CORS and error pages without stack traces (web/middleware.py)."""

import logging

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from sqlalchemy import text

from waitinfo.core import database
from waitinfo.core.settings import Settings
from waitinfo.web.app import create_app
from waitinfo.web.deps import SessionDep

PAGES_AND_API = ["/healthz", "/openapi.json", "/bestaat-niet", "/static/css/app.css", "/metrics", "/api/bestaat-niet"]


def _app_with(settings: Settings | None = None, extra_router: APIRouter | None = None):
    """An app whose middleware is built from the given settings (the normal app reads the environment)."""
    import waitinfo.web.middleware as mw

    app = create_app()
    if extra_router is not None:
        app.include_router(extra_router)
    if settings is not None:
        app.user_middleware = [m for m in app.user_middleware if m.cls is not mw.WaitinfoMiddleware]
        mw.install(app, settings)
    return app


@pytest.mark.parametrize("path", PAGES_AND_API)
def test_security_headers_on_pages_and_api(client, path):
    r = client.get(path, headers={"accept": "text/html"})
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert r.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in r.headers  # plain http on loopback: no HSTS
    assert len(r.headers["x-request-id"]) >= 16


def test_hsts_only_behind_tls(engine):
    with TestClient(create_app(), base_url="https://waitinfo.example") as c:
        assert c.get("/healthz").headers["strict-transport-security"].startswith("max-age=31536000")
    app = _app_with(Settings(secure_cookies=True))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert "max-age" in c.get("/healthz").headers["strict-transport-security"]


def test_request_id_is_returned_and_sanitised(client):
    assert (
        client.get("/healthz", headers={"X-Request-ID": "verwijzer-42.a"}).headers["x-request-id"] == "verwijzer-42.a"
    )
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 300}).headers["x-request-id"]
    assert len(hostile) == 32 and hostile != "x" * 300
    evil = client.get("/healthz", headers={"X-Request-ID": "a b<script>"}).headers["x-request-id"]
    assert "<" not in evil and " " not in evil
    # two requests never share a generated id
    assert client.get("/healthz").headers["x-request-id"] != client.get("/healthz").headers["x-request-id"]


def _boom_router() -> APIRouter:
    router = APIRouter()

    @router.get("/test-boom")
    def boom_page():
        raise RuntimeError("geheim-detail uit de code")

    @router.get("/api/test-boom")
    async def boom_api():
        raise ValueError("geheim-detail uit de api")

    return router


def test_route_error_gives_dutch_500_without_traceback(engine, caplog):
    app = _app_with(extra_router=_boom_router())
    with TestClient(app, raise_server_exceptions=False) as c, caplog.at_level(logging.ERROR):
        r = c.get("/test-boom", headers={"accept": "text/html", "X-Request-ID": "boom-1"})
        assert r.status_code == 500
        assert "Er ging iets mis" in r.text and '<html lang="nl">' in r.text
        for secret in ("Traceback", "geheim-detail", "RuntimeError", 'File "'):
            assert secret not in r.text
        # the 500 page is produced inside the middleware, so it carries the headers too
        assert r.headers["x-request-id"] == "boom-1"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        api = c.get("/api/test-boom")
        assert api.status_code == 500
        assert api.headers["content-type"] == "application/problem+json" and api.json()["status"] == 500
        detail = api.json()["detail"]  # Dutch, and a reference to the log entry (the request id), nothing else
    assert detail.startswith("Er ging aan onze kant iets mis. Probeer het later opnieuw. Noem bij vragen referentie ")
    assert detail.split()[-1].rstrip(".") == api.headers["x-request-id"]
    # the traceback goes to the log instead
    assert any(rec.exc_info and "geheim-detail" in str(rec.exc_info[1]) for rec in caplog.records)


def test_database_away_gives_dutch_503(engine):
    router = APIRouter()

    @router.get("/test-db")
    def needs_db(session: SessionDep):
        return {"n": session.execute(text("select 1")).scalar()}

    app = _app_with(extra_router=router)
    dead = database.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    database.set_engine(dead)
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            r = c.get("/test-db", headers={"accept": "text/html"})
            assert r.status_code == 503
            assert "Tijdelijk niet beschikbaar" in r.text and "Traceback" not in r.text
            assert r.headers["retry-after"] == "30"
            assert r.headers["x-content-type-options"] == "nosniff"
            assert c.get("/healthz").status_code == 503
    finally:
        database.set_engine(engine)
        dead.dispose()


def test_cors_only_for_configured_origins(engine):
    app = _app_with(Settings(cors_origins="https://portaal.example, https://hub.example"))
    with TestClient(app) as c:
        ok = c.options("/healthz", headers={"Origin": "https://hub.example", "Access-Control-Request-Method": "GET"})
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == "https://hub.example"
        assert "access-control-allow-credentials" not in ok.headers
        other = c.get("/healthz", headers={"Origin": "https://kwaad.example"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app()) as c:  # default: no CORS at all
        r = c.get("/healthz", headers={"Origin": "https://hub.example"})
        assert "access-control-allow-origin" not in r.headers


def test_docs_pages_need_no_inline_script(client):
    r = client.get("/docs")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "cdn" not in csp
    assert "frame-ancestors 'none'" in csp and "<script>" not in r.text
    redoc = client.get("/redoc")
    csp = redoc.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self' 'unsafe-inline'" in csp  # ReDoc's injected styles
    assert "/static/vendor/redoc/redoc.standalone.js" in redoc.text


def test_base_template_switches_off_htmx_inline_styles(client):
    r = client.get("/bestaat-niet", headers={"accept": "text/html"})
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in r.text
    assert "<style" not in r.text and " style=" not in r.text  # nothing inline for style-src 'self' to block
    assert "<script>" not in r.text
    assert "Pagina niet gevonden" in r.text and "Not Found" not in r.text  # Dutch, not Starlette's phrase
