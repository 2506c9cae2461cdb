"""What validation needs to know besides the row: the organisation, reference lookups, and a row checker."""

from __future__ import annotations

import difflib
import uuid
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.catalogue.models import Organization
from waitinfo.imports.diagnosis_codes import bare_number, number_message
from waitinfo.imports.diagnosis_names import diagnosis_code
from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.places import key
from waitinfo.imports.schemas import RowIssue
from waitinfo.providers.base import COLUMN_LABELS
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY

_TERMS: dict[str, dict[str, uuid.UUID]] = {}
# Rows "for all diagnosis groups together" (the figure of the whole location).
ALL_GROUPS = {"totaal", "alle", "alle diagnosegroepen", "alle diagnoses", "overall", "geen onderscheid"}


def terms(session: Session, taxonomy: str) -> dict[str, uuid.UUID]:
    """key(code or Dutch name) -> term id; reference data, cached for the process."""
    if taxonomy not in _TERMS:
        rows = session.execute(
            text(
                "select t.id, t.code, t.name from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
                "where x.code = :c"
            ),
            {"c": taxonomy},
        ).all()
        lookup: dict[str, uuid.UUID] = {}
        for term_id, code, name in rows:
            lookup[key(code)] = term_id
            lookup[key(name)] = term_id
        _TERMS[taxonomy] = lookup
    return _TERMS[taxonomy]


@dataclass
class Context:
    session: Session
    organization: Organization
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> header as in the file
    notes: list[RowIssue] = field(default_factory=list)  # warnings that arise while applying
    memo: dict = field(default_factory=dict)  # (field, function, raw value) -> result or NormaliseError
    # Binding (waitinfo.imports.binding): only the coordinator imports rows of several organisations.
    multi_organisation: bool = False
    # Trusted runs (CLI, coordinator) publish new services at once; others create them 'pending'.
    trusted: bool = False
    touched: dict = field(default_factory=dict)  # organisation id -> records applied to it
    created_organizations: list = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # wait field -> days | months (from its header)
    # API pushes of wait figures may name a new service or location: created 'pending' (never public until
    # approved); wait files never create them for a provider that has a catalogue (rows are held instead).
    push: bool = False
    changes: list[RowIssue] = field(default_factory=list)  # what applying changed (or would change), per row

    @property
    def default_method(self) -> str:
        """The provider's stored method; never guessed: 'unknown' when the provider never said."""
        return self.organization.default_wait_method or "unknown"

    def __post_init__(self):
        self.method_default = self.default_method  # read once, not per row

    def label(self, fieldname: str) -> str:
        return self.columns.get(fieldname, fieldname)

    def diagnosis_group(self, value, fieldname: str = "diagnosis_group") -> uuid.UUID | None:
        original = "" if value is None else str(value).strip()
        if not original:
            return None
        lookup = terms(self.session, DIAGNOSIS_TAXONOMY)
        k = key(original)
        if k in lookup:
            return lookup[k]
        if k in ALL_GROUPS:
            return None
        code = diagnosis_code(original)
        if code is not None and key(code) in lookup:
            return lookup[key(code)]
        if bare_number(original):
            raise NormaliseError(fieldname, number_message(original))
        near = difflib.get_close_matches(k, list(lookup), n=1, cutoff=0.8)
        hint = f" Bedoelt u '{near[0]}'?" if near else " Gebruik een hoofddiagnosegroep uit de landelijke lijst."
        raise NormaliseError(fieldname, f"Onbekende diagnosegroep '{original}'.{hint}")

    def municipality(self, value, fieldname: str) -> str:
        from waitinfo.imports.places import resolve_municipality

        return resolve_municipality(self.session, value, self.label(fieldname))

    def service_area(self, value, fieldname: str) -> list[str]:
        from waitinfo.imports.places import parse_service_area

        return parse_service_area(self.session, value, self.label(fieldname))

    def need(self, value) -> uuid.UUID | None:
        """A need by code or name, or a word that starts one (`relatie` -> relaties en gezin); None if unknown."""
        lookup = terms(self.session, NEEDS_TAXONOMY)
        k = key(str(value))
        if k in lookup:
            return lookup[k]
        starts = {v for c, v in lookup.items() if c.startswith(k) or k.startswith(c)} if len(k) >= 4 else set()
        return starts.pop() if len(starts) == 1 else None


_MISSING = object()


class RowCheck:
    """Collects every problem of one row, so a provider sees all of them at once."""

    def __init__(self, ctx: Context, line: int, values: dict):
        self.ctx, self.line, self.values = ctx, line, values
        self.errors: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        self.labels = values.get(COLUMN_LABELS) or ctx.columns  # the row's own headers (wide files), else the file's

    def label(self, fieldname: str | None) -> str | None:
        if fieldname is None:
            return None
        return self.labels.get(fieldname) or self.ctx.label(fieldname)

    def raw(self, fieldname: str):
        return self.values.get(fieldname)

    def __call__(self, fieldname: str, fn, *args, **kw):
        """fn(raw value, *args) with NormaliseError turned into a row error; returns None on error.

        Results are memoised per run by (field, value): a field is always read by the same function, and
        monthly files repeat the same dates, places and groups on every row (large files stay fast)."""
        raw = self.values.get(fieldname)
        memo = self.ctx.memo
        try:
            cached = memo.get((fieldname, raw), _MISSING)
            hashable = True
        except TypeError:  # unhashable value (lists from JSON)
            cached, hashable = _MISSING, False
        if cached is _MISSING:
            try:
                cached = fn(raw, *args, **kw)
            except NormaliseError as exc:
                cached = exc
            if hashable:
                memo[(fieldname, raw)] = cached
        if cached.__class__ is NormaliseError:
            self.error(fieldname, cached.message)
            return None
        return cached

    def error(self, fieldname: str | None, message: str) -> None:
        self.errors.append(RowIssue(line=self.line, field=self.label(fieldname), message=message))

    def warn(self, fieldname: str | None, message: str) -> None:
        self.warnings.append(RowIssue(line=self.line, field=self.label(fieldname), message=message))

    @property
    def ok(self) -> bool:
        return not self.errors
