"""Shared HTTP pieces of the FHIR routes (fhir.py, fhir_conformance.py): every error an OperationOutcome
(application/fhir+json), the documented responses, the public base URL.

No `router` here, so web.app does not mount this module.
"""

import json
from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute

from waitinfo.core.settings import get_settings
from waitinfo.fhir import mapping
from waitinfo.fhir.schemas import OperationOutcome
from waitinfo.web.routes.api_common import error_responses

FHIR_JSON = "application/fhir+json"
ISSUE_CODES = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 413: "too-costly", 429: "throttled"}


def outcome(status: int, code: str, text: str, headers: dict | None = None) -> Response:
    body = json.dumps(mapping.operation_outcome(code, text), ensure_ascii=False)
    return Response(body, status_code=status, media_type=FHIR_JSON, headers=headers)


class FhirRoute(APIRoute):
    """Errors raised anywhere in a FHIR route (the API key check included) answer as an OperationOutcome."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def outcome_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
                return outcome(exc.status_code, ISSUE_CODES.get(exc.status_code, "processing"), detail, exc.headers)
            except RequestValidationError as exc:
                parts = [f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()[:5]]
                return outcome(400, "invalid", "Ongeldige parameter. " + "; ".join(parts))

        return outcome_handler


def ok(model) -> dict:
    return {200: {"model": model, "content": {FHIR_JSON: {}}}}


def _fhir_error(text: str) -> dict:
    return {"model": OperationOutcome, "content": {FHIR_JSON: {}}, "description": text}


ERRORS = {
    **error_responses(304),
    400: _fhir_error("Ongeldige zoekparameter."),
    401: _fhir_error("Ongeldige API-sleutel."),
    429: _fhir_error("Te veel verzoeken; zie Retry-After."),
}
READ_ERRORS = {**ERRORS, 404: _fhir_error("Niet gevonden.")}


def base_url(request: Request) -> str:
    """The configured public address: never the request's Host header (which anyone can set)."""
    return get_settings().public_url()
