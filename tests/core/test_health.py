"""The web shell: health check, home redirect, Dutch error pages, vendored HTMX."""

from fastapi.testclient import TestClient

from waitinfo.core import database


def test_healthz_ok(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["database"] == "ok"


def test_healthz_503_when_database_down(engine):
    from waitinfo.web.app import create_app

    dead = database.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    database.set_engine(dead)
    try:
        r = TestClient(create_app()).get("/healthz")
        assert r.status_code == 503
        assert r.json()["database"] == "down"
    finally:
        database.set_engine(engine)
        dead.dispose()


def test_home_leads_to_search(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307)
    assert r.headers["location"] == "/zoeken"


def test_not_found_is_dutch_html(client):
    r = client.get("/bestaat-niet", headers={"accept": "text/html"})
    assert r.status_code == 404
    assert "Pagina niet gevonden" in r.text
    assert '<html lang="nl">' in r.text


def test_htmx_vendored_not_cdn(client):
    r = client.get("/static/vendor/htmx.min.js")
    assert r.status_code == 200
    assert "htmx" in r.text[:2000]


def test_openapi_available(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    assert r.json()["info"]["title"] == "waitinfo"


def test_pages_are_compressed(client):
    r = client.get("/static/css/app.css", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers.get("content-encoding") == "gzip"


def test_api_not_found_is_dutch(client):
    r = client.get("/api/hsds/bestaat-niet")
    assert r.status_code == 404
    assert r.json()["detail"] != "Not Found" and "niet" in r.json()["detail"]


def test_openapi_lists_only_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert all(p.startswith(("/api/", "/fhir/", "/healthz")) for p in paths), sorted(paths)[:10]
