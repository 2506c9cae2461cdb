"""FHIR search parameters as an mCSD client sends them: parsed, checked and explained (no SQL, no HTTP).

Unknown or unsupported parameters are refused under `Prefer: handling=strict` and otherwise ignored and listed in
an OperationOutcome in the Bundle (FHIR R4 3.1.1.4). `_count` above MAX_COUNT is capped, never refused. Dates
may be partial (`ge2026-12`, `2026`); a period compares by its start or end as the prefix says.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from waitinfo.core.clock import add_months

MAX_COUNT = 200
DEFAULT_COUNT = 50
PREFIXES = ("ge", "gt", "le", "lt", "eq", "ne", "sa", "eb", "ap")
COMMON = ("_id", "_lastUpdated", "_count", "_page", "_summary", "_elements", "_include", "_revinclude", "_format")
PER_KIND = {
    "HealthcareService": (
        "name",
        "organization",
        "location",
        "active",
        "identifier",
        "service-category",
        "service-type",
        "specialty",
    ),
    "Location": ("name", "organization", "identifier", "address-city", "address-postalcode", "status"),
    "Organization": ("name", "identifier", "active", "type"),
}
INCLUDES = {
    "HealthcareService": {"HealthcareService:organization", "HealthcareService:location"},
    "Location": {"Location:organization"},
    "Organization": set(),
}
REVINCLUDES = {
    "HealthcareService": set(),
    "Location": {"HealthcareService:location"},
    "Organization": {"HealthcareService:organization", "Location:organization"},
}
MODIFIERS = {"name": ("", "exact", "contains"), "address-city": ("", "exact", "contains")}
_PARTIAL = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?P<rest>T.*)?)?)?$",
)


class SearchError(ValueError):
    """A parameter that cannot be understood; the message is Dutch."""


@dataclass
class Token:
    system: str | None
    code: str


@dataclass
class SearchSpec:
    kind: str
    ids: list[uuid.UUID] | None = None
    updated: list[tuple[str, datetime]] = field(default_factory=list)  # (ge|gt|le|lt, moment)
    count: int = DEFAULT_COUNT
    page: int = 1
    summary_count: bool = False
    elements: list[str] | None = None
    includes: list[str] = field(default_factory=list)
    revincludes: list[str] = field(default_factory=list)
    strings: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (modifier, value)
    references: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    tokens: dict[str, list[Token]] = field(default_factory=dict)
    active: bool | None = None
    ignored: list[str] = field(default_factory=list)  # "name: why", for the OperationOutcome
    echo: list[tuple[str, str]] = field(default_factory=list)  # the parameters used, for the self/next links


def period(text: str) -> tuple[datetime, datetime]:
    """[start, end) of a FHIR date, dateTime or partial date (2026, 2026-12, 2026-12-03, 2026-12-03T08:00Z)."""
    m = _PARTIAL.match(text)
    if not m:
        raise ValueError(text)
    year = int(m["y"])
    if m["m"] is None:
        start = datetime(year, 1, 1, tzinfo=UTC)
        return start, datetime(year + 1, 1, 1, tzinfo=UTC)
    month = int(m["m"])
    if m["d"] is None:
        first = date(year, month, 1)
        nxt = add_months(first, 1)
        return datetime(year, month, 1, tzinfo=UTC), datetime(nxt.year, nxt.month, 1, tzinfo=UTC)
    day = date(year, month, int(m["d"]))
    if not m["rest"]:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return start, start + timedelta(days=1)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, moment + timedelta(microseconds=1)


def parse_date(raw: str, name: str = "_lastUpdated") -> list[tuple[str, datetime]]:
    prefix = raw[:2] if raw[:2] in PREFIXES else "eq"
    text = raw[2:] if raw[:2] in PREFIXES else raw
    try:
        start, end = period(text)
    except ValueError:
        raise SearchError(
            f"{name} '{raw}' is geen geldige datum; gebruik bijv. ge2026-12, ge2026-11-01 of gt2026-11-01T08:00:00Z."
        ) from None
    if prefix in ("ne", "sa", "eb", "ap"):
        raise SearchError(f"{name}: het voorvoegsel '{prefix}' wordt niet ondersteund; gebruik ge, gt, le, lt of eq.")
    return {
        "eq": [("ge", start), ("lt", end)],
        "ge": [("ge", start)],
        "gt": [("ge", end)],
        "lt": [("lt", start)],
        "le": [("lt", end)],
    }[prefix]


def _token(raw: str) -> Token:
    if "|" in raw:
        system, code = raw.split("|", 1)
        return Token(system or None, code)
    return Token(None, raw)


def _reference(raw: str, target: str) -> uuid.UUID | None:
    text = raw.rsplit("/", 1)[-1] if raw.startswith(f"{target}/") or "/" in raw else raw
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _count(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SearchError(f"_count '{raw}' is geen getal; gebruik bijv. _count=50.") from None
    if value < 0:
        raise SearchError("_count kan niet negatief zijn.")
    return min(value, MAX_COUNT)


def parse(kind: str, items: list[tuple[str, str]], strict: bool) -> SearchSpec:
    """Parse the query string (as (name, value) pairs). strict: unknown parameters are an error (SearchError)."""
    spec = SearchSpec(kind=kind)
    allowed = set(COMMON) | set(PER_KIND[kind])

    def unknown(name: str, why: str) -> None:
        if strict:
            raise SearchError(f"Parameter '{name}' {why} (Prefer: handling=strict).")
        spec.ignored.append(f"{name}: {why}; genegeerd.")

    for key, value in items:
        name, _, modifier = key.partition(":")
        if name not in allowed:
            unknown(key, "wordt niet ondersteund")
            continue
        if modifier and modifier not in MODIFIERS.get(name, ()):
            unknown(key, f"de modifier ':{modifier}' wordt niet ondersteund")
            continue
        if name == "_id":
            ids = []
            for part in value.split(","):
                try:
                    ids.append(uuid.UUID(part.strip()))
                except ValueError:
                    continue  # an unknown id simply matches nothing
            spec.ids = (spec.ids or []) + ids
        elif name == "_lastUpdated":
            spec.updated += parse_date(value)
        elif name == "_count":
            spec.count = _count(value)
            continue  # echoed as capped
        elif name == "_page":
            if not value.isdigit() or not 1 <= int(value) <= 100_000:
                raise SearchError(f"_page '{value}' moet een getal van 1 tot 100000 zijn.")
            spec.page = int(value)
            continue
        elif name == "_summary":
            if value == "count":
                spec.summary_count = True
            elif value != "false":
                unknown(f"_summary={value}", "wordt niet ondersteund (alleen count en false)")
                continue
        elif name == "_elements":
            spec.elements = [e.strip() for e in value.split(",") if e.strip()]
        elif name == "_format":
            if value not in ("json", "application/fhir+json", "application/json"):
                raise SearchError(f"_format '{value}' wordt niet ondersteund; deze server levert alleen JSON.")
        elif name in ("_include", "_revinclude"):
            options = INCLUDES[kind] if name == "_include" else REVINCLUDES[kind]
            if value not in options:
                unknown(f"{name}={value}", f"wordt niet ondersteund (wel: {', '.join(sorted(options)) or 'geen'})")
                continue
            (spec.includes if name == "_include" else spec.revincludes).append(value)
        elif name in ("name", "address-city", "address-postalcode"):
            spec.strings[name] = (modifier, value)
        elif name in ("organization", "location"):
            target = "Organization" if name == "organization" else "Location"
            refs = [_reference(v.strip(), target) for v in value.split(",")]
            spec.references[name] = spec.references.get(name, []) + [r for r in refs if r is not None]
        elif name == "active":
            if value not in ("true", "false"):
                raise SearchError(f"active '{value}' moet true of false zijn.")
            spec.active = value == "true"
        elif name == "status":
            if value not in ("active", "inactive", "suspended"):
                raise SearchError(f"status '{value}' moet active, inactive of suspended zijn.")
            spec.active = value == "active"
        else:  # identifier, service-category, service-type, specialty, type
            spec.tokens[name] = spec.tokens.get(name, []) + [_token(v) for v in value.split(",")]
        spec.echo.append((key, value))
    return spec
