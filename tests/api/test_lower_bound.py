"""A figure given as "> 26" is a lower bound everywhere it is published: HSDS, /api/v1/wait-times and FHIR say
"meer dan 26" (or carry the flag), never a plain 26 (issue 16)."""

from datetime import date

from tests import factories as f
from waitinfo.core.clock import frozen


def _lower_bound_service(db):
    org = f.organization(db, "Ondergrens Praktijk (fictief)")
    svc = f.service(db, org, "Behandeling met lange wachttijd", needs=("angst",), areas=("GM0141",))
    sal = f.at_location(db, svc, f.location(db, org, "GM0141"))
    f.wait(db, sal, date(2026, 11, 1), 26, 4, registration_lower_bound=True)
    return org, svc, sal


def test_wait_times_api_flags_the_lower_bound(db, client):
    org, _, _ = _lower_bound_service(db)
    with frozen(date(2026, 12, 5)):
        (row,) = client.get("/api/v1/wait-times", params={"provider": str(org.id)}).json()["contents"]
    assert row["registration_weeks"] == 26 and row["registration_lower_bound"] is True
    assert row["treatment_weeks"] == 4 and row["treatment_lower_bound"] is False


def test_hsds_attribute_and_summary_say_meer_dan(db, client):
    _, svc, sal = _lower_bound_service(db)
    with frozen(date(2026, 12, 5)):
        doc = client.get(f"/api/hsds/services/{svc.id}").json()
    (entry,) = [x for x in doc["service_at_locations"] if x["id"] == str(sal.id)]
    values = {a["taxonomy_term"]["code"]: a["value"] for a in entry["attributes"] if a.get("taxonomy_term")}
    assert values["registration_wait_weeks"] == "meer dan 26" and values["treatment_wait_weeks"] == "4"
    text = str(doc)
    assert "aanmeldwachttijd meer dan 26 weken" in text and "aanmeldwachttijd 26 weken" not in text


def test_fhir_wait_extension_carries_the_lower_bound(db, client):
    _, svc, _ = _lower_bound_service(db)
    with frozen(date(2026, 12, 5)):
        resource = client.get(f"/fhir/HealthcareService/{svc.id}").json()
    waits = [e for e in resource.get("extension", []) if e["url"].endswith("/wait-time")]
    parts = {p["url"]: p for w in waits for p in w["extension"]}
    assert parts["registrationLowerBound"]["valueBoolean"] is True and "treatmentLowerBound" not in parts
    sd = client.get("/fhir/StructureDefinition/wait-time").json()
    assert "registrationLowerBound" in str(sd)
