"""HSDS read API: every endpoint's output validates against the official HSDS 3.0 schemas."""

from tests.api.conftest import assert_hsds

BASE = "/api/hsds"


def _wait_groups(sal: dict) -> dict[str, dict[str, str]]:
    groups: dict[str, dict[str, str]] = {}
    for a in sal.get("attributes", []):
        if a.get("link_type") == "wait_time":
            groups.setdefault(a["label"], {})[a["taxonomy_term"]["code"]] = a["value"]
    return groups


def test_root(client):
    r = client.get(BASE + "/")
    assert r.status_code == 200
    assert r.json()["version"] == "3.0" and r.json()["openapi_url"].endswith("/openapi.json")


def test_services_page_envelope_and_schema(client, catalogue):
    r = client.get(BASE + "/services", params={"per_page": 1})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    assert body["total_items"] == 2  # the pending service is not published
    assert body["total_pages"] == 2 and body["first_page"] and not body["last_page"] and not body["empty"]
    for item in body["contents"]:
        assert_hsds(item, "compiled/service_list.json")
    page2 = client.get(BASE + "/services", params={"per_page": 1, "page": 2}).json()
    assert page2["last_page"] and page2["page_number"] == 2
    assert {page2["contents"][0]["id"], body["contents"][0]["id"]} == {
        str(catalogue["svc"].id),
        str(catalogue["social"].id),
    }


def test_full_service_carries_waits_with_method_date_kind_definition(client, catalogue):
    r = client.get(f"{BASE}/services/{catalogue['svc'].id}")
    assert r.status_code == 200
    doc = r.json()
    assert_hsds(doc, "compiled/service.json")
    for cap in doc["capacities"]:
        assert_hsds(cap, "service_capacity.json")
    groups = _wait_groups(doc["service_at_locations"][0])
    assert len(groups) == 1  # only the newest month per diagnosis group
    (wait,) = groups.values()
    assert wait["registration_wait_weeks"] == "5" and wait["treatment_wait_weeks"] == "9.5"
    assert wait["wait_method"] == "current" and wait["reference_date"] == "2026-10-31"
    assert wait["wait_kind"] == "ggz_specialist" and wait["wait_month"] == "2026-10"
    assert wait["diagnosis_group"] == "angst"
    assert "Aanmeldwachttijd" in wait["wait_definition"] and "Behandelwachttijd" in wait["wait_definition"]
    assert wait["intake_within_norm"] == "7" and wait["intake_outside_norm"] == "2"
    assert doc["organization"]["organization_identifiers"][0]["identifier"] == "94001234"
    assert {a["extent"] for a in doc["service_areas"]} == {"GM0153", "GM0164"}
    assert "5 weken" in doc["wait_time"] and "actuele wachttijd" in doc["wait_time"]


def test_social_wait_is_labelled_and_missing_figure_is_absent_not_zero(client, catalogue):
    doc = client.get(f"{BASE}/services/{catalogue['social'].id}").json()
    assert_hsds(doc, "compiled/service.json")
    (wait,) = _wait_groups(doc["service_at_locations"][0]).values()
    assert wait["wait_kind"] == "social" and "sociaal domein" in wait["wait_definition"]
    assert "treatment_wait_weeks" not in wait  # not reported: left out, never 0
    assert doc["alert"].startswith("Aanmeldstop")


def test_service_at_locations_organizations_taxonomies_validate(client, catalogue):
    sals = client.get(BASE + "/service_at_locations", params={"full": "true"}).json()
    assert sals["total_items"] == 2
    for item in sals["contents"]:
        assert_hsds(item, "compiled/service_at_location.json")
    one = client.get(f"{BASE}/service_at_locations/{catalogue['sal'].id}")
    assert one.status_code == 200
    assert_hsds(one.json(), "compiled/service_at_location.json")

    orgs = client.get(BASE + "/organizations", params={"search": "fictief"}).json()
    assert orgs["total_items"] >= 2
    for item in orgs["contents"]:
        assert_hsds(item, "compiled/organization_list.json")
    org = client.get(f"{BASE}/organizations/{catalogue['org'].id}").json()
    assert_hsds(org, "compiled/organization.json")
    assert [s["name"] for s in org["services"]] == ["Behandeling angst"]

    taxes = client.get(BASE + "/taxonomies").json()
    assert {t["name"] for t in taxes["contents"]} >= {"Wachttijdgegevens waitinfo", "Hulpvragen Twente"}
    for t in taxes["contents"]:
        assert_hsds(t, "taxonomy.json")
        assert_hsds(client.get(f"{BASE}/taxonomies/{t['id']}").json(), "taxonomy.json")
    terms = client.get(BASE + "/taxonomy_terms", params={"per_page": 200}).json()
    codes = {t["code"] for t in terms["contents"]}
    assert {"wait_method", "reference_date", "wait_kind", "wait_definition", "angst"} <= codes
    for t in terms["contents"]:
        assert_hsds(t, "taxonomy_term.json")
    assert_hsds(client.get(f"{BASE}/taxonomy_terms/{terms['contents'][0]['id']}").json(), "taxonomy_term.json")


def test_filters(client, catalogue):
    def ids(**params):
        return {s["id"] for s in client.get(BASE + "/services", params=params).json()["contents"]}

    svc, social = str(catalogue["svc"].id), str(catalogue["social"].id)
    assert ids(municipality="GM0164") == {svc}  # service area
    assert ids(municipality="GM0141") == {social}  # location
    assert ids(need="stress") == {social}
    assert ids(organization_id=str(catalogue["org"].id)) == {svc}
    assert ids(search="angst") == {svc}
    from tests.factories import need_id

    assert ids(taxonomy_term_id=str(need_id("angst"))) == {svc}
    assert ids(minimal="true") == {svc, social}
    minimal = client.get(BASE + "/services", params={"minimal": "true"}).json()["contents"][0]
    assert set(minimal) == {"id", "name", "status", "last_modified"}


def test_errors_are_dutch_json(client, catalogue):
    r = client.get(BASE + "/services/00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404 and "Geen dienst" in r.json()["detail"]
    assert client.get(f"{BASE}/services/{catalogue['hidden'].id}").status_code == 404  # pending: not public
    r = client.get(BASE + "/services", params={"per_page": 0})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert isinstance(r.json()["errors"], list) and r.json()["status"] == 422
    assert client.get(BASE + "/services", params={"municipality": "Enschede"}).status_code == 422


def test_etag_and_last_modified(client, catalogue):
    r = client.get(BASE + "/services")
    etag, last = r.headers["ETag"], r.headers["Last-Modified"]
    assert last.endswith("GMT")
    again = client.get(BASE + "/services", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(BASE + "/services", headers={"If-Modified-Since": last}).status_code == 304
    other = client.get(BASE + "/services", params={"per_page": 1}, headers={"If-None-Match": etag})
    assert other.status_code == 200
    one = client.get(f"{BASE}/taxonomies")
    assert client.get(f"{BASE}/taxonomies", headers={"If-None-Match": one.headers["ETag"]}).status_code == 304


def test_nul_in_query_text_is_not_a_server_error(client, catalogue):
    for url in (
        "/api/hsds/services?search=a%00b",
        "/api/hsds/organizations?search=%00",
        "/api/hsds/taxonomy_terms?search=%00",
        "/api/v1/wait-times?provider=a%00b",
    ):
        r = client.get(url)  # refused at the door (web.limits) with a Dutch reason, never a 500
        assert r.status_code == 400 and "nul-byte" in r.json()["detail"], url


def test_every_read_has_etag_and_last_modified(client, catalogue):
    svc, sal, org = catalogue["svc"].id, catalogue["sal"].id, catalogue["org"].id
    urls = [
        "/api/hsds/",
        "/api/hsds/services",
        f"/api/hsds/services/{svc}",
        "/api/hsds/organizations",
        f"/api/hsds/organizations/{org}",
        "/api/hsds/service_at_locations",
        f"/api/hsds/service_at_locations/{sal}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/services?format=ndjson",
        "/api/v1/wait-times",
        "/api/v1/wait-times?format=csv",
        "/fhir/metadata",
        "/fhir/HealthcareService",
        f"/fhir/HealthcareService/{svc}",
        "/fhir/Location",
        "/fhir/StructureDefinition/wait-time",
        "/fhir/Organization",
        f"/fhir/Organization/{org}",
    ]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers.get("ETag") and r.headers.get("Last-Modified"), url
        assert client.get(url, headers={"If-None-Match": r.headers["ETag"]}).status_code == 304, url
