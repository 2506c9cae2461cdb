"""HSDS helpers and the taxonomy, term and attribute documents (wait figures as attributes of the
service_at_location; see serialize.py for the rest of the documents)."""

from datetime import date, datetime

from waitinfo.catalogue.models import Taxonomy, TaxonomyTerm
from waitinfo.hsds.facts import WaitFacts, number
from waitinfo.hsds.related import Related
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, WAIT_TAXONOMY, stable_uuid


def clean(d: dict) -> dict:
    """Drop None values and empty lists so the object validates (HSDS fields are not nullable)."""
    return {k: v for k, v in d.items() if v is not None and v != []}


def iso(v: date | datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


def sid(v) -> str | None:
    return str(v) if v is not None else None


# --- taxonomies ----------------------------------------------------------------------------------------
def taxonomy_doc(t: Taxonomy) -> dict:
    return clean(
        {"id": str(t.id), "name": t.name, "description": t.description or t.name, "uri": t.uri, "version": t.version}
    )


def term_doc(t: TaxonomyTerm, taxonomy: Taxonomy | None = None) -> dict:
    return clean(
        {
            "id": str(t.id),
            "code": t.code,
            "name": t.name,
            "description": t.description or t.name,
            "parent_id": sid(t.parent_id),
            "taxonomy": taxonomy.name if taxonomy else None,
            "taxonomy_id": str(t.taxonomy_id),
            "language": "nl",
            "term_uri": t.term_uri,
        }
    )


def attribute(
    link_id,
    link_type: str,
    link_entity: str,
    term: TaxonomyTerm,
    value: str | None,
    taxonomy: Taxonomy | None,
    cache: dict | None = None,
    *,
    label: str | None = None,
    seed=None,
) -> dict:
    """`cache` (per serialisation run) shares the nested term object between attributes of the same term;
    `seed` (default link_id) makes the attribute id stable."""
    nested = cache.get(term.id) if cache is not None else None
    if nested is None:
        nested = term_doc(term, taxonomy)
        if cache is not None:
            cache[term.id] = nested
    return clean(
        {
            "id": str(stable_uuid("attribute", seed if seed is not None else link_id, term.id)),
            "link_id": str(link_id),
            "link_type": link_type,
            "link_entity": link_entity,
            "taxonomy_term_id": str(term.id),
            "label": label,
            "value": value,
            "taxonomy_term": nested,
        }
    )


def _weeks(value, lower_bound: bool) -> str | None:
    """A figure as the attribute's text; a lower bound ("> 26" in the file) reads "meer dan 26", never "26"."""
    n = number(value)
    return f"meer dan {n}" if n is not None and lower_bound else n


def wait_attributes(f: WaitFacts, r: Related) -> list[dict]:
    """The attributes of one wait observation; a figure that was not reported is left out, never zero."""
    by_code = r.cache.get("wait_terms")
    if by_code is None:
        wait_tax = stable_uuid("taxonomy", WAIT_TAXONOMY)
        by_code = r.cache["wait_terms"] = {t.code: t for t in r.terms.values() if t.taxonomy_id == wait_tax}
    term_cache = r.cache.setdefault("term_docs", {})
    values = [
        ("registration_wait_weeks", _weeks(f.registration_weeks, f.registration_lower_bound) or f.registration_text),
        ("treatment_wait_weeks", _weeks(f.treatment_weeks, f.treatment_lower_bound) or f.treatment_text),
        ("waiting_count", None if f.waiting_count is None else str(f.waiting_count)),
        ("intake_within_norm", None if f.intake_within_norm is None else str(f.intake_within_norm)),
        ("intake_outside_norm", None if f.intake_outside_norm is None else str(f.intake_outside_norm)),
        ("wait_month", f"{f.month:%Y-%m}"),
        ("diagnosis_group", f.diagnosis_group_code),
        ("wait_method", f.method),
        ("reference_date", iso(f.reference_date)),
        ("wait_kind", f.wait_kind),
        ("wait_definition", f.definition),
    ]
    label = f"{f.month:%Y-%m} {f.diagnosis_group_code or 'algemeen'}"
    out = []

    def add(term: TaxonomyTerm, value: str | None) -> None:
        out.append(
            attribute(
                f.service_at_location_id,
                "wait_time",
                "service_at_location",
                term,
                value,
                r.taxonomies.get(term.taxonomy_id),
                term_cache,
                label=label,
                seed=f.id,
            )
        )

    for code, value in values:
        term = by_code.get(code)
        if term is not None and value is not None:
            add(term, value)
    if f.diagnosis_group_code:
        group = r.terms.get(stable_uuid("term", DIAGNOSIS_TAXONOMY, f.diagnosis_group_code))
        if group is not None:
            add(group, f.diagnosis_group_code)
    return out
