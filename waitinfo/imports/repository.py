"""Queries of the import domain: organisations by name or slug, previous runs, feeds."""

from __future__ import annotations

import re
import unicodedata
import uuid

from sqlalchemy import func
from sqlmodel import Session, col, select

from waitinfo.catalogue.models import Organization
from waitinfo.imports.models import ImportRowError, ImportRun, ProviderFeed


def slugify(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:200] or "aanbieder"


def find_organization(session: Session, name_or_id) -> Organization | None:
    if isinstance(name_or_id, uuid.UUID):
        return session.get(Organization, name_or_id)
    text_value = str(name_or_id).strip()
    try:
        return session.get(Organization, uuid.UUID(text_value))
    except ValueError:
        pass
    org = session.exec(select(Organization).where(Organization.slug == text_value.lower())).first()
    if org is None:
        org = session.exec(select(Organization).where(func.lower(Organization.name) == text_value.lower())).first()
    if org is None:
        org = session.exec(select(Organization).where(Organization.slug == slugify(text_value))).first()
    if org is None and not text_value.endswith("(fictief)"):
        org = session.exec(
            select(Organization).where(func.lower(Organization.name) == f"{text_value} (fictief)".lower())
        ).first()
    return org


KIND_WORDS = [
    ("verslaving", "addiction_care"),
    ("psycholog", "independent_practice"),
    ("praktijk", "independent_practice"),
    ("sociaal werk", "social_work"),
    ("welzijn", "welfare"),
    ("herstel", "peer_recovery"),
    ("gemeente", "municipality"),
    ("huisarts", "gp_care"),
    ("fysio", "paramedical"),
]
KIND_BY_FILE = {
    "wait-times": "specialist_ggz",
    "offer": "basic_ggz",
    "support-points": "peer_recovery",
    "group-offers": "social_work",
    "hsds": "basic_ggz",
    "portal": "basic_ggz",
}


def infer_kind(name: str, file_kind: str | None) -> str:
    low = name.lower()
    for word, kind in KIND_WORDS:
        if word in low:
            return kind
    if "ggz" in low and "basis" not in low:
        return "specialist_ggz"
    return KIND_BY_FILE.get(file_kind or "", "basic_ggz")


def get_or_create_organization(
    session: Session, name_or_id, file_kind: str | None = None, *, status: str = "active"
) -> tuple[Organization, bool]:
    org = find_organization(session, name_or_id)
    if org is not None:
        return org, False
    name = str(name_or_id).strip()
    slug = base = slugify(name)
    n = 2
    while session.exec(select(Organization.id).where(Organization.slug == slug)).first():
        slug, n = f"{base}-{n}", n + 1
    org = Organization(name=name, slug=slug, kind=infer_kind(name, file_kind), status=status)
    session.add(org)
    session.flush()
    return org, True


def last_settled_checksum(session: Session, organization_id: uuid.UUID, kind: str) -> str | None:
    """Checksum of the latest applied (or unchanged) delivery of this kind for this organisation."""
    return session.exec(
        select(ImportRun.checksum)
        .where(
            ImportRun.organization_id == organization_id,
            ImportRun.kind == kind,
            col(ImportRun.status).in_(("applied", "unchanged")),
        )
        .order_by(col(ImportRun.started_at).desc())
        .limit(1)
    ).first()


def list_runs(
    session: Session, *, organization_id: uuid.UUID | None = None, limit: int = 50, offset: int = 0
) -> list[tuple[ImportRun, str | None]]:
    stmt = select(ImportRun, Organization.name).join(Organization, isouter=True)
    if organization_id:
        stmt = stmt.where(ImportRun.organization_id == organization_id)
    return list(session.exec(stmt.order_by(col(ImportRun.started_at).desc()).limit(limit).offset(offset)).all())


def run_errors(session: Session, run_id: uuid.UUID) -> list[ImportRowError]:
    return list(
        session.exec(
            select(ImportRowError)
            .where(ImportRowError.import_run_id == run_id)
            .order_by(ImportRowError.severity, ImportRowError.line)
        ).all()
    )


def feed_for(session: Session, organization_id: uuid.UUID) -> ProviderFeed | None:
    return session.exec(select(ProviderFeed).where(ProviderFeed.organization_id == organization_id)).first()


def last_feed_run(session: Session, feed: ProviderFeed) -> ImportRun | None:
    """The latest run of this feed (a pull of its address for its organisation)."""
    return session.exec(
        select(ImportRun)
        .where(ImportRun.organization_id == feed.organization_id, ImportRun.source == feed.url[:500])
        .order_by(col(ImportRun.started_at).desc())
        .limit(1)
    ).first()


def enabled_feeds(session: Session) -> list[tuple[ProviderFeed, Organization]]:
    return list(
        session.exec(select(ProviderFeed, Organization).join(Organization).where(ProviderFeed.enabled.is_(True))).all()
    )


def feeds_overview(session: Session) -> list[tuple[ProviderFeed, Organization, ImportRun | None]]:
    """Every configured feed with its organisation and the latest run of that organisation."""
    result = []
    for feed, org in session.exec(
        select(ProviderFeed, Organization).join(Organization).order_by(Organization.name)
    ).all():
        last = session.exec(
            select(ImportRun)
            .where(ImportRun.organization_id == org.id)
            .order_by(col(ImportRun.started_at).desc())
            .limit(1)
        ).first()
        result.append((feed, org, last))
    return result


def count_runs(session: Session) -> int:
    return session.exec(select(func.count()).select_from(ImportRun)).one()


def organizations_without_feed(session: Session) -> list[Organization]:
    has_feed = select(ProviderFeed.organization_id)
    return list(
        session.exec(
            select(Organization)
            .where(col(Organization.id).not_in(has_feed), Organization.status != "defunct")
            .order_by(Organization.name)
        ).all()
    )
