"""Shared HTTP pieces of the open APIs (HSDS, wait times, FHIR): key access, rate limits, conditional GETs.

No `router` here, so web.app does not mount this module.
"""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlmodel import Session

from waitinfo.accounts.models import ApiKey
from waitinfo.apikeys import service as keys
from waitinfo.apikeys.ratelimit import TokenBuckets
from waitinfo.core.settings import get_settings
from waitinfo.web.deps import SessionDep
from waitinfo.web.streaming import accepts_gzip


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str | None = None


class ErrorOut(BaseModel):
    """Every API error, as RFC 9457 problem details (application/problem+json): `detail` says in Dutch (or with
    Accept-Language: en in English) what was wrong and what to do."""

    type: str | None = Field(None, examples=["https://waitinfo.twente.example/problems/401"])
    title: str | None = Field(None, examples=["API-sleutel nodig of onbekend"])
    status: int | None = Field(None, examples=[401])
    detail: str = Field(examples=["Deze API-sleutel is onbekend of ingetrokken."])
    instance: str | None = Field(None, examples=["/api/hsds/services"])
    detail_nl: str | None = None
    errors: list[ValidationIssue] | None = None


class ValidationErrorOut(ErrorOut):
    errors: list[ValidationIssue] = Field(default_factory=list)


def _problem(model: str) -> dict:
    return {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}


def error_responses(*codes: int) -> dict:
    text = {
        304: "Niet gewijzigd sinds uw vorige verzoek (If-None-Match / If-Modified-Since).",
        400: "Ongeldig verzoek.",
        401: "API-sleutel onbekend of ingetrokken.",
        403: "Deze sleutel mag dit niet (verkeerde rechten of andere aanbieder).",
        404: "Niet gevonden.",
        413: "Te groot.",
        422: "Ongeldige parameters.",
        429: "Te veel verzoeken; wacht het aantal seconden uit de Retry-After-header.",
    }
    out: dict = {}
    for code in codes:
        if code == 304:
            out[304] = {"description": text[304]}
        elif code == 422:
            out[422] = {
                "model": ValidationErrorOut,
                "description": text[422],
                "content": _problem("ValidationErrorOut"),
            }
        else:
            out[code] = {"model": ErrorOut, "description": text[code], "content": _problem("ErrorOut")}
    return out


READ_ERRORS = error_responses(304, 401, 422, 429)


# --- who is calling ----------------------------------------------------------------------------------------
@dataclass
class ApiClient:
    key: ApiKey | None
    address: str

    @property
    def actor(self) -> str:
        return f"api_key:{self.key.prefix}" if self.key else f"anonymous:{self.address}"


def presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def limiter(request: Request) -> TokenBuckets:
    buckets = getattr(request.app.state, "api_buckets", None)
    if buckets is None:
        buckets = request.app.state.api_buckets = TokenBuckets()
    return buckets


def _too_many(wait: int, limit: int) -> HTTPException:
    return HTTPException(
        429,
        f"Te veel verzoeken. Probeer het over {wait} seconden opnieuw, of vraag een "
        "API-sleutel aan voor een hogere limiet.",
        headers={
            "Retry-After": str(wait),
            "RateLimit-Limit": str(limit),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(wait),
            "RateLimit-Policy": f"{limit};w=60",
        },
    )


def _take(request: Request, bucket: str, per_minute: int) -> None:
    buckets = limiter(request)
    wait = buckets.take(bucket, per_minute)
    if wait:
        raise _too_many(wait, per_minute)
    request.state.ratelimit = (per_minute, *buckets.remaining(bucket, per_minute))


def _identify(request: Request, session: Session, required: bool) -> ApiClient:
    address = request.client.host if request.client else "unknown"
    raw = presented_key(request)
    if raw is None:
        if required:
            raise HTTPException(
                401,
                "Stuur een API-sleutel mee (Authorization: Bearer <sleutel> of X-API-Key).",
                headers={"WWW-Authenticate": "Bearer"},
            )
        _take(request, f"ip:{address}", get_settings().api_anonymous_per_minute)
        return ApiClient(None, address)
    key = keys.authenticate(session, raw)
    if key is None:
        raise HTTPException(
            401,
            "Deze API-sleutel is onbekend of ingetrokken. Vraag de coördinator om een nieuwe sleutel.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    _take(request, f"key:{key.id}", key.rate_per_minute)
    keys.mark_used(session, key)
    return ApiClient(key, address)


# Declared for the OpenAPI (securitySchemes); the key itself is read by presented_key (either header works).
BEARER = HTTPBearer(
    auto_error=False, scheme_name="bearer", description="Authorization: Bearer wik_… (API-sleutel van de coördinator)."
)
API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, scheme_name="apiKey", description="X-API-Key: wik_… (zelfde sleutel)."
)
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
KeyHeader = Annotated[str | None, Depends(API_KEY_HEADER)]


def read_client(request: Request, session: SessionDep, _bearer: Bearer = None, _key: KeyHeader = None) -> ApiClient:
    """Reading is open (with a lower rate limit per address); a key raises the limit."""
    return _identify(request, session, required=False)


def push_client(request: Request, session: SessionDep, _bearer: Bearer = None, _key: KeyHeader = None) -> ApiClient:
    client = _identify(request, session, required=True)
    if "push" not in client.key.scopes or client.key.organization_id is None:
        raise HTTPException(
            403, "Deze API-sleutel mag alleen lezen. Vraag een sleutel met aanleverrechten (push) voor uw organisatie."
        )
    return client


def key_client(request: Request, session: SessionDep, _bearer: Bearer = None, _key: KeyHeader = None) -> ApiClient:
    """Any valid API key (webhook registrations belong to a key)."""
    return _identify(request, session, required=True)


ReadClient = Annotated[ApiClient, Depends(read_client)]
KeyClient = Annotated[ApiClient, Depends(key_client)]
PushClient = Annotated[ApiClient, Depends(push_client)]


def stream_sessions(session: SessionDep) -> Callable[[], Session]:
    """Sessions for streamed bodies, on the same bind as the request (the request session is closed by then)."""
    bind = session.get_bind()
    return lambda: Session(bind=bind)


StreamSessions = Annotated[Callable[[], Session], Depends(stream_sessions)]


# --- conditional responses ----------------------------------------------------------------------------------
def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    wanted = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag.removeprefix("W/") in wanted


def not_modified(request: Request, etag: str, last_modified: datetime | None) -> bool:
    inm = request.headers.get("if-none-match")
    if inm is not None:
        return _etag_matches(inm, etag)
    ims = request.headers.get("if-modified-since")
    if ims and last_modified is not None:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return last_modified.replace(microsecond=0) <= since
    return False


GZIP_MINIMUM = 1024  # as the GZip middleware in web/app.py


def rate_headers(request: Request) -> dict[str, str]:
    """RateLimit-Limit / -Remaining / -Reset (IETF draft) of the caller's bucket, as left by the key check."""
    state = getattr(request.state, "ratelimit", None)
    if state is None:
        return {}
    limit, remaining, reset = state
    return {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(remaining),
        "RateLimit-Reset": str(reset),
        "RateLimit-Policy": f"{limit};w=60",
    }


def cache_headers(etag: str, last_modified: datetime | None) -> dict[str, str]:
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept, Accept-Encoding, Authorization, X-API-Key"}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    return headers


def json_response(
    request: Request,
    body,
    *,
    last_modified: datetime | None,
    media_type: str = "application/json",
    status_code: int = 200,
) -> Response:
    """JSON with a strong ETag (hash of the bytes) and Last-Modified; 304 when the client has it already."""
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    return bytes_response(request, raw, last_modified=last_modified, media_type=media_type, status_code=status_code)


def bytes_response(
    request: Request,
    raw: bytes,
    *,
    last_modified: datetime | None,
    media_type: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    # Weak and per encoding: the GZip middleware compresses bodies from 1 KB for clients that accept gzip, and
    # the gzipped and the plain body are different byte sequences of the same representation.
    gzipped = len(raw) >= GZIP_MINIMUM and accepts_gzip(request)
    etag = 'W/"' + hashlib.sha256(raw).hexdigest()[:40] + ('-gzip"' if gzipped else '"')
    all_headers = cache_headers(etag, last_modified) | rate_headers(request) | (headers or {})
    if status_code == 200 and not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=all_headers)
    return Response(raw, status_code=status_code, media_type=media_type, headers=all_headers)


def weak_etag(*parts) -> str:
    return 'W/"' + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:40] + '"'


def parse_uuid(value: str, what: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise HTTPException(404, f"Geen {what} met dit id: het id moet een UUID zijn.") from None


# --- push answers -------------------------------------------------------------------------------------------
PUSH_LIMIT_BYTES = 5 * 1024 * 1024


def check_size(request: Request) -> None:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > PUSH_LIMIT_BYTES:
        raise HTTPException(413, "Te groot: stuur ten hoogste 5 MB per verzoek, of verdeel de gegevens.")


def report_response(report) -> Response:
    """The pipeline's row-level ImportReport. 200 whenever the delivery was processed: `status` says whether it
    was applied, unchanged or rejected (with the reasons per row); 500 only when applying failed on our side."""
    status = 500 if report.status == "failed" else 200
    return Response(report.model_dump_json(), status_code=status, media_type="application/json")


# --- HEAD -----------------------------------------------------------------------------------------------------
def add_head_routes(router) -> None:
    """Answer HEAD on every GET route of `router` (same handler, headers only; kept out of the OpenAPI)."""
    from fastapi.routing import APIRoute

    for route in list(router.routes):
        if isinstance(route, APIRoute) and "GET" in route.methods and "HEAD" not in route.methods:
            router.add_api_route(
                route.path.removeprefix(router.prefix),
                route.endpoint,
                methods=["HEAD"],
                include_in_schema=False,
                name=f"{route.name}_head",
            )
