"""Valid HSDS 3.0 service objects for push tests (every object with a UUID id, as the official schema asks)."""

import uuid

from waitinfo.reference.ids import NEEDS_TAXONOMY, WAIT_TAXONOMY, stable_uuid


def ids(*names: str) -> dict[str, str]:
    return {n: str(uuid.uuid4()) for n in names}


def service(name: str, *, sid: str | None = None, city="Almelo", postal="7607 AA", loc_name="Buurthuis", **extra):
    i = ids("sal", "loc", "addr")
    return {
        "id": sid or str(uuid.uuid4()),
        "name": name,
        "status": "active",
        "service_at_locations": [
            {
                "id": i["sal"],
                "location": {
                    "id": i["loc"],
                    "name": loc_name,
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": i["addr"],
                            "address_1": "Dorpsstraat 2",
                            "city": city,
                            "postal_code": postal,
                            "state_province": "Overijssel",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        **extra,
    }


def wait_attributes(link_id: str, values: dict[str, str], label: str = "") -> list[dict]:
    out = [
        {
            "id": str(uuid.uuid4()),
            "link_id": link_id,
            "link_type": "wait_time",
            "link_entity": "service_at_location",
            "taxonomy_term_id": str(stable_uuid("term", WAIT_TAXONOMY, code)),
            "value": value,
        }
        for code, value in values.items()
    ]
    return [{**a, "label": label} for a in out] if label else out


def need_attribute(service_id: str, code: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "link_id": service_id,
        "link_type": "need",
        "link_entity": "service",
        "taxonomy_term_id": str(stable_uuid("term", NEEDS_TAXONOMY, code)),
    }
