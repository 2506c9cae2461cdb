"""What validation needs to know besides the row: the organisation, reference lookups, and a row checker."""

from __future__ import annotations

import difflib
import uuid
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.catalogue.models import Organization
from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.places import key
from waitinfo.imports.schemas import RowIssue
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY

_TERMS: dict[str, dict[str, uuid.UUID]] = {}


def terms(session: Session, taxonomy: str) -> dict[str, uuid.UUID]:
    """key(code or Dutch name) -> term id; reference data, cached for the process."""
    if taxonomy not in _TERMS:
        rows = session.execute(text(
            "select t.id, t.code, t.name from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
            "where x.code = :c"), {"c": taxonomy}).all()
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

    @property
    def default_method(self) -> str:
        return self.organization.default_wait_method or "realised"

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
        near = difflib.get_close_matches(k, list(lookup), n=1, cutoff=0.8)
        hint = f" Bedoelt u '{near[0]}'?" if near else " Gebruik een hoofddiagnosegroep uit de landelijke lijst."
        raise NormaliseError(fieldname, f"Onbekende diagnosegroep '{original}'.{hint}")

    def need(self, value) -> uuid.UUID | None:
        """A need by code or name, or a word that starts one (`relatie` -> relaties en gezin); None if unknown."""
        lookup = terms(self.session, NEEDS_TAXONOMY)
        k = key(str(value))
        if k in lookup:
            return lookup[k]
        starts = {v for c, v in lookup.items() if c.startswith(k) or k.startswith(c)} if len(k) >= 4 else set()
        return starts.pop() if len(starts) == 1 else None


class RowCheck:
    """Collects every problem of one row, so a provider sees all of them at once."""

    def __init__(self, ctx: Context, line: int, values: dict):
        self.ctx, self.line, self.values = ctx, line, values
        self.errors: list[RowIssue] = []
        self.warnings: list[RowIssue] = []

    def raw(self, fieldname: str):
        return self.values.get(fieldname)

    def __call__(self, fieldname: str, fn, *args, **kw):
        """fn(raw value, *args) with NormaliseError turned into a row error; returns None on error."""
        try:
            return fn(self.values.get(fieldname), *args, **kw)
        except NormaliseError as exc:
            self.error(fieldname, exc.message)
            return None

    def error(self, fieldname: str | None, message: str) -> None:
        self.errors.append(RowIssue(line=self.line, field=self.ctx.label(fieldname) if fieldname else None,
                                    message=message))

    def warn(self, fieldname: str | None, message: str) -> None:
        self.warnings.append(RowIssue(line=self.line, field=self.ctx.label(fieldname) if fieldname else None,
                                      message=message))

    @property
    def ok(self) -> bool:
        return not self.errors
