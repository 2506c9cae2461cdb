"""Which organisation a row may change: an import is bound to the organisation it runs for.

A provider's upload, a push or a feed (and a CLI import with `--provider`) changes that one organisation
only: a row whose organisation column names another one (by id, name or slug) is rejected. Only the
coordinator (CLI `--multi-organisation`) imports for several organisations, and organisations that do not
exist yet are then created 'pending' until the coordinator approves them. Every organisation changed is
remembered so the run is audited against each of them.
"""

from __future__ import annotations

from waitinfo.catalogue.models import Organization
from waitinfo.imports import repository
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.schemas import RowIssue


def _same(org: Organization, text_value: str) -> bool:
    low = text_value.strip().lower()
    return low in (str(org.id), org.slug.lower(), org.name.lower(), repository.slugify(org.name)) or (
        repository.slugify(text_value) in (org.slug, repository.slugify(org.name))
    )


def row_organization(ctx: Context, check: RowCheck, fieldname: str = "organization") -> str | None:
    """The organisation a row names, as the record keeps it: None for the run's own organisation.

    Outside multi-organisation mode a row naming another organisation gets a row error (returns None)."""
    text_value = str(check.raw(fieldname) or "").strip()
    if not text_value:
        return None
    own = ctx.organization
    if _same(own, text_value):
        return None
    if ctx.multi_organisation:
        return text_value
    found = repository.find_organization(ctx.session, text_value)
    if found is not None and found.id == own.id:
        return None
    check.error(
        fieldname,
        f"Deze regel hoort bij aanbieder '{text_value}', maar u levert gegevens aan voor '{own.name}'. "
        f"U kunt alleen aanbod van uw eigen organisatie inlezen: laat de kolom leeg of vul '{own.name}' in. "
        "Aanbod van een andere organisatie levert die organisatie zelf aan, of de coördinator.",
    )
    return None


def organization_for(ctx: Context, ref: str | None, file_kind: str) -> Organization:
    """The organisation a validated record changes; in multi-organisation mode new ones are created pending."""
    if ref is None:
        org = ctx.organization
    else:
        if not ctx.multi_organisation:  # validate_row already rejected such rows; never trust a record alone
            raise PermissionError("row names another organisation outside multi-organisation mode")
        org = repository.find_organization(ctx.session, ref)
        if org is None:
            org, _ = repository.get_or_create_organization(ctx.session, ref, file_kind, status="pending")
            ctx.created_organizations.append(org)
            ctx.notes.append(
                RowIssue(message=f"Nieuwe aanbieder '{org.name}' aangemaakt; wacht op goedkeuring door de coördinator.")
            )
    ctx.touched[org.id] = ctx.touched.get(org.id, 0) + 1
    return org


def foreign_service(ctx: Context, check: RowCheck, service_id) -> None:
    """An HSDS object with the id of another organisation's service is a row error (never silently rebound).

    Its organization_id is the provider's own identifier in its system, so it is not compared here (the push
    API checks it against the key)."""
    from waitinfo.catalogue.models import Service

    if service_id is None:
        return
    existing = ctx.session.get(Service, service_id)
    if existing is not None and existing.organization_id != ctx.organization.id:
        check.error(
            "id",
            f"Service {service_id} hoort bij een andere aanbieder; u kunt alleen aanbod van "
            f"'{ctx.organization.name}' wijzigen. Laat het id weg om een nieuwe service voor te stellen.",
        )
