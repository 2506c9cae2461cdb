"""API errors as RFC 9457 problem details (application/problem+json), in Dutch or, with Accept-Language: en, in
English. `detail` stays a readable sentence (what was wrong and what to do); parameter errors are listed in
`errors` with the parameter (`loc`), a message and pydantic's error type."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://waitinfo.twente.example/problems/"

TITLES = {
    400: ("Ongeldig verzoek", "Bad request"),
    401: ("API-sleutel nodig of onbekend", "API key missing or unknown"),
    403: ("Geen toegang", "Forbidden"),
    404: ("Niet gevonden", "Not found"),
    405: ("Methode niet toegestaan", "Method not allowed"),
    409: ("Conflict", "Conflict"),
    413: ("Te groot", "Payload too large"),
    422: ("Ongeldige parameters", "Invalid parameters"),
    429: ("Te veel verzoeken", "Too many requests"),
    500: ("Fout aan onze kant", "Internal error"),
    503: ("Tijdelijk niet beschikbaar", "Temporarily unavailable"),
}
ENGLISH_DETAIL = {
    400: "The request is not valid. Check the parameters and try again.",
    401: "Send a valid API key (X-API-Key or Authorization: Bearer), or none for anonymous reading.",
    403: "This key may not do this (wrong scope or another provider's data).",
    404: "Nothing found with this id or at this address. Check the id, or fetch the list again.",
    405: "This method is not allowed here.",
    409: "The request contradicts itself or the current state (e.g. another id in the body than in the URL).",
    413: "Too large: send at most 5 MB per request, or split the data.",
    422: "One or more parameters are invalid; see `errors`.",
    429: "Too many requests; wait the number of seconds in the Retry-After header.",
    500: "Something went wrong on our side. Try again later.",
    503: "The service cannot reach its data right now. Try again in a few minutes.",
}
# pydantic error type -> (Dutch, English); {ctx keys} are filled from the error's context
MESSAGES = {
    "missing": ("Verplicht; vul dit in.", "Required."),
    "int_parsing": ("Moet een geheel getal zijn.", "Must be an integer."),
    "float_parsing": ("Moet een getal zijn.", "Must be a number."),
    "bool_parsing": ("Moet true of false zijn.", "Must be true or false."),
    "uuid_parsing": ("Is geen geldig UUID.", "Is not a valid UUID."),
    "uuid_type": ("Is geen geldig UUID.", "Is not a valid UUID."),
    "greater_than_equal": ("Moet ten minste {ge} zijn.", "Must be at least {ge}."),
    "greater_than": ("Moet groter zijn dan {gt}.", "Must be greater than {gt}."),
    "less_than_equal": ("Mag ten hoogste {le} zijn.", "Must be at most {le}."),
    "string_too_long": ("Is te lang (ten hoogste {max_length} tekens).", "Too long (at most {max_length} characters)."),
    "string_pattern_mismatch": ("Heeft niet de verwachte vorm ({pattern}).", "Does not match {pattern}."),
    "literal_error": ("Kies uit: {expected}.", "Choose one of: {expected}."),
    "enum": ("Kies uit: {expected}.", "Choose one of: {expected}."),
    "datetime_from_date_parsing": (
        "Is geen geldig tijdstip (ISO 8601, bijv. 2026-11-01T08:00:00Z).",
        "Is not a valid ISO 8601 date-time (e.g. 2026-11-01T08:00:00Z).",
    ),
    "datetime_parsing": (
        "Is geen geldig tijdstip (ISO 8601, bijv. 2026-11-01T08:00:00Z).",
        "Is not a valid ISO 8601 date-time (e.g. 2026-11-01T08:00:00Z).",
    ),
    "json_invalid": ("Geen geldige JSON.", "Invalid JSON."),
    "model_attributes_type": ("Moet een JSON-object zijn.", "Must be a JSON object."),
    "dict_type": ("Moet een JSON-object zijn.", "Must be a JSON object."),
    "list_type": ("Moet een lijst zijn.", "Must be a list."),
    "string_type": ("Moet tekst zijn.", "Must be a string."),
    "too_short": ("Te weinig elementen (ten minste {min_length}).", "Too few items (at least {min_length})."),
    "too_long": ("Te veel elementen (ten hoogste {max_length}).", "Too many items (at most {max_length})."),
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def english(request: Request) -> bool:
    """Dutch unless the client prefers English (the first language in Accept-Language)."""
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return first.startswith("en")


def _title(status: int, en: bool) -> str:
    nl_text, en_text = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    return en_text if en else nl_text


def problem(
    request: Request,
    status: int,
    detail_nl: str | None,
    *,
    errors: list[dict] | None = None,
    headers: dict | None = None,
) -> JSONResponse:
    en = english(request)
    fallback = ENGLISH_DETAIL.get(status, ENGLISH_DETAIL[500] if status >= 500 else ENGLISH_DETAIL[400])
    body = {
        "type": f"{TYPE_BASE}{status}",
        "title": _title(status, en),
        "status": status,
        "detail": fallback if en else (detail_nl or _title(status, False)),
        "instance": request.url.path,
    }
    if en and detail_nl:
        body["detail_nl"] = detail_nl  # the specific Dutch reason, kept for the record
    if errors is not None:
        body["errors"] = errors
    all_headers = {"Content-Language": "en" if en else "nl", **(headers or {})}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=all_headers)


def _message(error: dict, en: bool) -> str:
    known = MESSAGES.get(error.get("type", ""))
    if known is None:
        return str(error.get("msg", "")) if en else f"Ongeldige waarde ({error.get('msg', '')})."
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        return known[1 if en else 0].format(**ctx)
    except (KeyError, IndexError):
        return known[1 if en else 0]


def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
    en = english(request)
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": _message(e, en), "type": e.get("type")} for e in exc.errors()
    ]
    names = ", ".join(dict.fromkeys(e["loc"][-1] for e in errors if e["loc"]))
    detail = f"Controleer {names}: " + " ".join(e["msg"] for e in errors[:3]) if names else None
    return problem(request, 422, detail, errors=errors)
