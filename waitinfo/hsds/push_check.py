"""Pushed HSDS services are checked against the official HSDS 3.0 schema (formats included) before anything is
stored. The schema is vendored in `waitinfo/hsds/official/` (Open Referral, CC BY-SA 4.0).

Every object needs a UUID `id` (services, service_at_locations, locations, addresses, attributes, ...): a hub
mirrors by id, so an id we would have to invent or replace breaks the mirror. Messages are Dutch.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema_rs

from waitinfo.imports.schemas import RowIssue

MAX_ISSUES = 50
FORMATS = {
    "uuid": "is geen UUID; geef elk object een vast id als UUID (bijv. 5b0a2f5e-3f43-4a57-9d39-6a0f3c1f8a10) "
    "en stuur bij een wijziging hetzelfde id",
    "email": "is geen geldig e-mailadres (naam@domein.nl)",
    "uri": "is geen volledige URL (begin met https://)",
    "date": "is geen datum (JJJJ-MM-DD)",
    "date-time": "is geen tijdstip (ISO 8601)",
}


@lru_cache
def _validator():
    schema = json.loads(resources.files("waitinfo.hsds").joinpath("official/service.json").read_text("utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _dutch(error) -> tuple[str, str]:
    path = list(error.instance_path)
    kind = error.kind
    value = json.dumps(error.instance, ensure_ascii=False)[:80]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        field = _where([*path, kind.property])
        return field, f"Verplicht veld '{kind.property}' ontbreekt (HSDS 3.0)."
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
        reason = FORMATS.get(kind.format, f"voldoet niet aan het formaat '{kind.format}'")
        return _where(path), f"{value} {reason}."
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
        return _where(path), f"{value} heeft het verkeerde type (HSDS 3.0: {error.message.split('of type ')[-1]})."
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        return _where(path), f"{value} is geen toegestane waarde volgens HSDS 3.0."
    return _where(path), f"Voldoet niet aan HSDS 3.0: {error.message[:200]}"


def check(services: list) -> list[RowIssue]:
    """Issues of every pushed service object against the official schema; `line` is the 1-based position."""
    issues: list[RowIssue] = []
    validator = _validator()
    for line, svc in enumerate(services, start=1):
        if not isinstance(svc, dict):
            issues.append(RowIssue(line=line, message="Dit element is geen HSDS service-object."))
            continue
        for error in validator.iter_errors(svc):
            field, message = _dutch(error)
            issues.append(RowIssue(line=line, field=field or None, message=message))
            if len(issues) >= MAX_ISSUES:
                return issues
    return issues
