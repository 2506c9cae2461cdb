"""Finding 8 (limits): bodies are counted while they stream (chunked too) and refused with 413; NUL bytes, page
numbers beyond any list and deeply nested JSON get a 400 with a Dutch message instead of a 500."""

import pytest

from tests.api.conftest import catalogue  # noqa: F401 - the small catalogue fixture
from tests.api.test_waits_and_push import _key
from tests.auth_tools import login, make_user

MB = 1024 * 1024
MAX_PAGE = 100_000  # waitinfo.web.limits.MAX_PAGE


def _chunks(total: int, size: int = 256 * 1024):
    yield b'{"name": "Groot (fictief)", "status": "active", "description": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


def test_chunked_push_over_5_mb_is_refused(client, db, catalogue):  # noqa: F811
    """Without Content-Length the old check saw nothing: 53 MB were accepted and applied."""
    key = _key(db, catalogue["org"])
    r = client.post(
        "/api/hsds/services",
        content=_chunks(6 * MB),
        headers={"X-API-Key": key, "content-type": "application/json"},
    )
    assert r.status_code == 413, r.text[:200]
    assert "ten hoogste 5 MB" in r.json()["detail"]


def test_declared_length_over_the_limit_is_refused_before_reading(client, db, catalogue):  # noqa: F811
    key = _key(db, catalogue["org"])
    body = b'{"name": "' + b"x" * (5 * MB + 10) + b'"}'
    r = client.post("/api/hsds/services", content=body, headers={"X-API-Key": key, "content-type": "application/json"})
    assert r.status_code == 413 and "ten hoogste 5 MB" in r.json()["detail"]


def test_chunked_upload_over_the_upload_limit_is_refused(db, configure):
    from tests.conftest import _client_for

    configure(MAX_UPLOAD_BYTES=str(200 * 1024))
    boundary = "grens"

    def body():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="a.csv"\r\n\r\n'.encode()
        for _ in range(10):
            yield b"a;b;c\r\n" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    with _client_for(db) as c:
        r = c.post(
            "/inloggen",
            content=body(),
            headers={"content-type": f"multipart/form-data; boundary={boundary}", "accept": "text/html"},
        )
    assert r.status_code == 413 and "te groot" in r.text


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/zoeken?hulpvraag=angst%00", None),
        ("get", "/zoeken?gemeente=%00", None),
        ("get", "/lijst?ids=%00", None),
        ("get", "/groepsaanbod?q=a%00b", None),
        ("post", "/inloggen", {"email": "a\x00@org.example", "password": "x"}),
        ("post", "/wachtwoord-vergeten", {"email": "a\x00@org.example"}),
    ],
)
def test_nul_bytes_get_a_clear_400(client, method, path, data):
    client.get("/inloggen")
    if data is not None:
        data = {**data, "csrf_token": client.cookies.get("waitinfo_csrf", "")}
    r = getattr(client, method)(path, **({"data": data} if data else {}), headers={"accept": "text/html"})
    assert r.status_code == 400, (path, r.status_code)
    assert "nul-byte" in r.text


LIST_PAGES = [
    ("/zoeken", None),
    ("/groepsaanbod", None),
    ("/beheer/gebruikers", "coordinator"),
    ("/beheer/audit", "coordinator"),
    ("/beheer/outbox", "coordinator"),
    ("/beheer/koppelingen", "coordinator"),
    ("/portaal", "coordinator"),
    ("/api/v1/wait-times", None),
]


@pytest.mark.parametrize(("path", "role"), LIST_PAGES)
def test_page_numbers_beyond_any_list_get_a_400(db, client, path, role):
    if role:
        login(client, make_user(db, f"pagina-{role}@waitinfo.example", role))
    param = "page" if path.startswith("/api/") else "pagina"
    for value in ("99999999999999999999999", str(MAX_PAGE + 1)):
        r = client.get(f"{path}?{param}={value}", headers={"accept": "text/html"})
        assert r.status_code == 400, (path, value, r.status_code)
        assert "paginanummer" in r.text.lower()
    assert client.get(f"{path}?{param}=2", headers={"accept": "text/html"}).status_code == 200


def test_deeply_nested_json_gets_a_400(client, db, catalogue):  # noqa: F811
    key = _key(db, catalogue["org"])
    deep = "[" * 900 + "]" * 900
    body = '{"name": "Diep (fictief)", "status": "active", "extra": ' + deep + "}"
    r = client.post("/api/hsds/services", content=body, headers={"X-API-Key": key, "content-type": "application/json"})
    assert r.status_code == 400 and "te diep genest" in r.json()["detail"]
    # Brackets inside strings are text, not nesting.
    fine = {"name": "Haakjes [[[[ {{{{ (fictief)", "status": "active", "description": "[" * 500}
    assert client.post("/api/hsds/services", json=fine, headers={"X-API-Key": key}).status_code == 200


@pytest.mark.parametrize(
    ("body", "deep"),
    [
        (b'{"a":' * 64 + b"1" + b"}" * 64, False),
        (b'{"a":' * 65 + b"1" + b"}" * 65, True),
        (b'["x]]]\\"[[[{{", ' + b"[" * 63 + b"]" * 63 + b"]", False),  # brackets and escaped quotes in a string
        (b'["\\\\", ' + b"[" * 64 + b"]" * 64 + b"]", True),  # an escaped backslash ends no string
        (b"[[]" * 100_000, True),
        (b"[]" * 100_000, False),
    ],
)
def test_json_depth_check_reads_strings_and_escapes(body, deep):
    from waitinfo.web.limits import json_too_deep

    assert json_too_deep(body) is deep


def test_fhir_gets_its_refusals_as_operation_outcome(client):
    r = client.get("/fhir/HealthcareService?_page=100001")
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/fhir+json")
    issue = r.json()["issue"][0]
    assert r.json()["resourceType"] == "OperationOutcome" and "paginanummer" in issue["diagnostics"]
    assert client.get("/fhir/Location?name=a%00").json()["issue"][0]["code"] == "invalid"
