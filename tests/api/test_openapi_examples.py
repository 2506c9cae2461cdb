"""The OpenAPI examples are real documents of the demo catalogue: valid HSDS 3.0, and served by the API."""

import pytest

from tests.api.conftest import HSDS, assert_hsds
from waitinfo.hsds.examples import examples

SCHEMAS = {
    "service": "compiled/service.json",
    "service_at_location": "compiled/service_at_location.json",
    "organization": "compiled/organization.json",
    "taxonomy_term": "taxonomy_term.json",
}
PATHS = {
    "service": "/api/hsds/services/{}",
    "service_at_location": "/api/hsds/service_at_locations/{}",
    "organization": "/api/hsds/organizations/{}",
    "taxonomy_term": "/api/hsds/taxonomy_terms/{}",
}


@pytest.mark.skipif(not HSDS.exists(), reason="the vendored HSDS 3.0 schemas (tests/vendor/hsds-3.0) are missing")
def test_examples_validate_and_are_in_the_openapi(client):
    docs = examples()
    assert set(docs) == set(SCHEMAS)
    for name, doc in docs.items():
        assert_hsds(doc, SCHEMAS[name])
    components = client.get("/openapi.json").json()["components"]["schemas"]
    assert components["ServiceOut"]["examples"][0]["id"] == docs["service"]["id"]
    assert components["ServiceAtLocationOut"]["examples"][0]["id"] == docs["service_at_location"]["id"]


def test_examples_come_from_the_demo_catalogue(demo_client):
    for name, doc in examples().items():
        r = demo_client.get(PATHS[name].format(doc["id"]))
        assert r.status_code == 200, name
        assert r.json()["id"] == doc["id"] and r.json().get("name") == doc.get("name")
