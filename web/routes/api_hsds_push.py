"""HSDS push under /api/hsds/services (POST, PUT): providers deliver their own services with an API key."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request

from waitinfo.hsds import push, schemas
from waitinfo.hsds.schemas import PushReport
from waitinfo.reference.ids import NEEDS_TAXONOMY, WAIT_TAXONOMY, stable_uuid
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import ErrorOut, PushClient, check_size, error_responses, report_response

router = APIRouter(prefix="/api/hsds", tags=["HSDS 3.0"])


# --- push (providers with an API key that has the push scope) ------------------------------------------------
# The example uses the published ids of our terms (GET /api/hsds/taxonomy_terms), so it validates as sent.
WAIT_TERM_IDS = {
    c: str(stable_uuid("term", WAIT_TAXONOMY, c))
    for c in ("registration_wait_weeks", "treatment_wait_weeks", "wait_method", "reference_date")
}
WAIT_ATTR_IDS = {c: str(stable_uuid("example-attribute", c)) for c in WAIT_TERM_IDS}
ANXIETY_TERM_ID = str(stable_uuid("term", NEEDS_TAXONOMY, "angst"))
PUSH_EXAMPLE = {
    "id": "5b0a2f5e-3f43-4a57-9d39-6a0f3c1f8a10",
    "name": "Behandeling angstklachten",
    "status": "active",
    "description": "Kortdurende behandeling.",
    "email": "info@praktijk.example",
    "url": "https://praktijk.example/angst",
    "attributes": [
        {
            "id": "0c6f4f0e-8a43-4b3e-9d0e-3b7f5b1a0001",
            "link_type": "need",
            "link_entity": "service",
            "taxonomy_term_id": ANXIETY_TERM_ID,
        }
    ],
    "service_at_locations": [
        {
            "id": "2d1c9a44-51f6-4c3b-8f0e-7c1f2e3d0002",
            "location": {
                "id": "7a9e3b10-2c4d-4e5f-8a6b-9c0d1e2f0003",
                "name": "Vestiging Centrum",
                "location_type": "physical",
                "addresses": [
                    {
                        "id": "8b0f4c21-3d5e-4f60-9b7c-0d1e2f300004",
                        "address_1": "Voorbeeldstraat 1",
                        "city": "Enschede",
                        "postal_code": "7511 AA",
                        "state_province": "Overijssel",
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
            },
            "attributes": [
                {
                    "id": WAIT_ATTR_IDS[code],
                    "link_id": "2d1c9a44-51f6-4c3b-8f0e-7c1f2e3d0002",
                    "link_type": "wait_time",
                    "link_entity": "service_at_location",
                    "label": "2026-10",
                    "taxonomy_term_id": WAIT_TERM_IDS[code],
                    "value": value,
                }
                for code, value in (
                    ("registration_wait_weeks", "3"),
                    ("treatment_wait_weeks", "7"),
                    ("wait_method", "realised"),
                    ("reference_date", "2026-10-31"),
                )
            ],
        }
    ],
}
PUSH_RESPONSES = {
    200: {
        "model": PushReport,
        "description": "Verwerkt: `status` zegt of het is toegepast, ongewijzigd of geweigerd, met per regel de reden.",
    },
    409: {"model": ErrorOut, "description": "Het id in de URL en in de service verschillen."},
    500: {"model": PushReport, "description": "Toepassen mislukte aan onze kant; er is niets gewijzigd."},
    **error_responses(401, 403, 413, 422, 429),
}
Payload = Annotated[
    schemas.ServiceIn | list[schemas.ServiceIn] | schemas.ServicePageIn,
    Body(
        description="Eén HSDS 3.0-service, een lijst services of een HSDS-pagina (`contents`).", examples=[PUSH_EXAMPLE]
    ),
]


def _plain(payload):
    if isinstance(payload, list):
        return [p.model_dump(mode="json", exclude_unset=True) for p in payload]
    return payload.model_dump(mode="json", exclude_unset=True)


def _push(session, client, payload, path_id=None):
    try:
        report = push.push_services(session, client.key, _plain(payload), path_id)
    except push.PushForbidden as exc:
        raise HTTPException(403, str(exc)) from None
    except push.PushInvalid as exc:
        raise HTTPException(409, str(exc)) from None
    return report_response(report)


@router.post(
    "/services",
    response_model=PushReport,
    responses=PUSH_RESPONSES,
    summary="Aanleveren: HSDS-services van de eigen organisatie (via de importstraat)",
)
def push_services(request: Request, session: SessionDep, client: PushClient, payload: Payload):
    check_size(request)
    return _push(session, client, payload)


@router.put(
    "/services/{service_id}",
    response_model=PushReport,
    responses=PUSH_RESPONSES,
    summary="Aanleveren: één HSDS-service van de eigen organisatie bijwerken of aanmaken",
)
def put_service(
    request: Request,
    session: SessionDep,
    client: PushClient,
    service_id: uuid.UUID,
    payload: Annotated[schemas.ServiceIn, Body(examples=[PUSH_EXAMPLE])],
):
    check_size(request)
    return _push(session, client, payload, service_id)
