"""Provider feed settings (adapter, URL, auth header, schedule) and pulling a feed now."""

from __future__ import annotations

import logging

from sqlmodel import Session

from waitinfo.core.clock import now
from waitinfo.imports import repository
from waitinfo.imports.models import ProviderFeed
from waitinfo.imports.schemas import ImportReport

log = logging.getLogger(__name__)

ADAPTERS = ("hsds", "http-csv", "http-json")
DEFAULT_SCHEDULE = "0 6 1 * *"


class FeedError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_header(text: str) -> tuple[str, str]:
    if ":" not in text:
        raise FeedError(
            f"HTTP-kop '{text}' klopt niet; schrijf 'Naam: waarde', bijvoorbeeld 'Authorization: Bearer ...'."
        )
    name, value = text.split(":", 1)
    name, value = name.strip(), value.strip()
    if not name or not value or any(c in name for c in " \r\n") or any(c in value for c in "\r\n"):
        raise FeedError(f"HTTP-kop '{name}' klopt niet; schrijf 'Naam: waarde' op één regel.")
    return name, value


def validate_schedule(expr: str) -> str:
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expr.strip())
    except ValueError as exc:
        raise FeedError(
            f"Planning '{expr}' is geen geldige cron-regel ({exc}); bijvoorbeeld '0 6 1 * *' "
            f"(de 1e van elke maand om 6:00)."
        ) from None
    return " ".join(expr.split())


def validate_url(url: str) -> str:
    url = url.strip()
    if not url.startswith(("http://", "https://")) or len(url) > 2000 or " " in url:
        raise FeedError(f"Adres '{url}' klopt niet; het begint met https:// (of http://).")
    return url


def configure(
    session: Session,
    provider: str,
    *,
    adapter: str | None = None,
    url: str | None = None,
    headers: list[str] | None = None,
    schedule: str | None = None,
    kind: str | None = None,
    enabled: bool | None = None,
    replace_headers: bool = True,
) -> ProviderFeed:
    """Create or change a provider's feed; only the given settings change."""
    from waitinfo.providers.registry import KINDS

    org = repository.find_organization(session, provider)
    if org is None:
        raise FeedError(f"Aanbieder '{provider}' niet gevonden; controleer de naam of de slug.")
    feed = repository.feed_for(session, org.id)
    if adapter is not None and adapter not in ADAPTERS:
        raise FeedError(f"Onbekende koppeling '{adapter}'; kies hsds, http-csv of http-json.")
    if kind is not None and kind not in KINDS:
        raise FeedError(f"Onbekende soort '{kind}'; kies uit {', '.join(KINDS)}.")
    if feed is None:
        if adapter is None or url is None:
            raise FeedError("Een nieuwe koppeling heeft --adapter en --url nodig.")
        feed = ProviderFeed(organization_id=org.id, adapter=adapter, url=validate_url(url))
    if adapter is not None:
        feed.adapter = adapter
    if url is not None:
        feed.url = validate_url(url)
    if headers:
        parsed = dict(parse_header(h) for h in headers)
        feed.headers = parsed if replace_headers else {**(feed.headers or {}), **parsed}
    if schedule is not None:
        feed.schedule = validate_schedule(schedule) if schedule.strip() else DEFAULT_SCHEDULE
    if kind is not None:
        feed.kind = kind
    if enabled is not None:
        feed.enabled = enabled
    feed.updated_at = now()
    session.add(feed)
    session.flush()
    return feed


def public_view(feed: ProviderFeed) -> dict:
    """The settings without secrets: header names only."""
    return {
        "adapter": feed.adapter,
        "url": feed.url,
        "headers": sorted(feed.headers or {}),
        "schedule": feed.schedule,
        "kind": feed.kind,
        "enabled": feed.enabled,
        "last_run_at": feed.last_run_at.isoformat() if feed.last_run_at else None,
    }


def pull_now(session: Session, provider, *, triggered_by: str = "cli") -> ImportReport:
    """Fetch the provider's feed and import it; a fetch failure is a failed run, the catalogue unchanged."""
    from waitinfo.imports.runs import record_failed_pull
    from waitinfo.imports.service import run_import
    from waitinfo.providers.base import ReadError
    from waitinfo.providers.registry import pull_adapter

    org = repository.find_organization(session, provider)
    if org is None:
        raise FeedError(f"Aanbieder '{provider}' niet gevonden; controleer de naam of de slug.")
    feed = repository.feed_for(session, org.id)
    if feed is None:
        raise FeedError(
            f"Aanbieder '{org.name}' heeft geen koppeling; stel die in met "
            f"'waitinfo provider feed {org.slug} --adapter ... --url ...'."
        )
    feed.last_run_at = now()
    session.add(feed)
    kind = "hsds" if feed.adapter == "hsds" else (feed.kind or None)
    try:
        raw, kind = pull_adapter(feed.adapter).fetch(feed, kind)
    except ReadError as exc:
        log.warning("pull of %s failed: %s", org.slug, exc.message)
        return record_failed_pull(
            session,
            org,
            adapter=feed.adapter,
            kind=kind or "onbekend",
            source=feed.url,
            message=f"Ophalen mislukt: {exc.message} De catalogus is niet gewijzigd; een volgende poging volgt later.",
            triggered_by=triggered_by,
        )
    report = run_import(
        session,
        organization_name_or_id=org.id,
        raw=raw,
        source=feed.url,
        kind=kind,
        adapter=feed.adapter,
        triggered_by=triggered_by,
        actor=f"feed:{org.slug}",
        feed_id=feed.id,
    )
    if report.status == "rejected" and report.rows_total == 0 and report.errors and report.errors[0].line is None:
        # A feed whose answer cannot be read is a failed pull, not a provider's rejected file.
        return _as_failed(session, report)
    return report


def _as_failed(session: Session, report: ImportReport) -> ImportReport:
    from waitinfo.imports.models import ImportRun

    run = session.get(ImportRun, report.import_run_id) if report.import_run_id else None
    report.status = "failed"
    report.message = report.message.replace(
        "Het bestand kon niet worden gelezen", "Ophalen mislukt: het antwoord kon niet worden gelezen"
    )
    if run is not None:
        run.status, run.message = "failed", report.message
        session.add(run)
        session.flush()
    return report
