"""For integrators: OpenAPI with security schemes and servers, HEAD, weak ETags per encoding, RateLimit headers,
licence and contact in the HSDS root."""

from waitinfo.apikeys import service as keys

BASE = "/api/hsds"


def test_openapi_has_security_schemes_and_servers(client):
    spec = client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"]["scheme"] == "bearer" and schemes["apiKey"]["name"] == "X-API-Key"
    assert spec["servers"][0]["url"] == "/"
    push = spec["paths"]["/api/hsds/services"]["post"]
    assert {"bearer": []} in push["security"] and {"apiKey": []} in push["security"]
    assert "application/problem+json" in push["responses"]["401"]["content"]


def test_head_answers_like_get_without_body(client, catalogue):
    for url in (
        f"{BASE}/services",
        f"{BASE}/services/{catalogue['svc'].id}",
        "/fhir/HealthcareService",
        "/api/v1/wait-times",
    ):
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200 and head.content == b"", url
        assert (
            head.headers["etag"] == get.headers["etag"] and head.headers["content-type"] == get.headers["content-type"]
        )
    assert client.head(f"{BASE}/services/00000000-0000-0000-0000-000000000000").status_code == 404


def test_weak_etag_per_encoding(client, catalogue):
    plain = client.get(f"{BASE}/services", params={"full": "true"}, headers={"Accept-Encoding": "identity"})
    zipped = client.get(f"{BASE}/services", params={"full": "true"}, headers={"Accept-Encoding": "gzip"})
    assert plain.headers["etag"].startswith('W/"') and zipped.headers["etag"].startswith('W/"')
    assert plain.headers["etag"] != zipped.headers["etag"] and zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in plain.headers["vary"]
    again = client.get(
        f"{BASE}/services",
        params={"full": "true"},
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]},
    )
    assert again.status_code == 304


def test_ratelimit_headers(client, db, catalogue):
    key = keys.create_key(db, name="Teller", scopes=["read"], rate_per_minute=10).plaintext
    first = client.get(f"{BASE}/taxonomies", headers={"X-API-Key": key})
    second = client.get(f"{BASE}/taxonomies", headers={"X-API-Key": key})
    assert first.headers["ratelimit-limit"] == "10"
    assert int(first.headers["ratelimit-remaining"]) == 9 and int(second.headers["ratelimit-remaining"]) == 8
    assert int(second.headers["ratelimit-reset"]) >= 1
    fhir = client.get("/fhir/metadata", headers={"X-API-Key": key})
    assert fhir.headers["ratelimit-remaining"] == "7"


def test_root_names_licence_contact_and_bulk_download(client):
    root = client.get(f"{BASE}/").json()
    assert root["license"]["url"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert "@" in root["contact"]["email"]
    assert root["bulk_download"]["zip"].endswith("/api/hsds/export.zip")
