"""The coordinator's column mappings of one feed (/beheer/koppelingen/{org}): the columns its last pull did not
recognise, each with the proposed field, and the mappings stored for that feed. Saving them (audited) makes every
later pull of the feed read those columns (`service.run_import` loads them by feed_id)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.imports import mappings, repository
from waitinfo.imports.models import ColumnMapping, ImportRun, ProviderFeed
from waitinfo.imports.schemas import ImportReport
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.providers.tabular import IGNORE, header_key

KIND = "wait-times"  # only wait files have stored column mappings
CHOICES = (*FIELD_LABELS, IGNORE)  # what the pick list offers (no treatment wait is a checkbox)
MAX_HEADER = 200


@dataclass
class FeedColumn:
    header: str
    proposal: str | None  # the field proposed (or, when guessed, the field it was read as)
    guessed: bool = False  # recognised with low confidence (the header only starts with a known name)


@dataclass
class FeedColumns:
    run: ImportRun | None  # the feed's last pull
    unmapped: list[FeedColumn]  # columns of that pull not (surely) recognised and not mapped since
    stored: list[ColumnMapping]  # this feed's mappings (editable)
    general: list[tuple[str, str]]  # (header, meaning) of the provider's mappings for all its files (shown only)
    no_treatment_wait: str | None = None  # "feed" or "general": confirmed that no treatment wait is reported


@dataclass
class Outcome:
    errors: dict[str, str] = field(default_factory=dict)  # header -> Dutch message; nothing stored when any
    saved: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def remember(session: Session, report: ImportReport, guessed=()) -> ImportReport:
    """The run keeps its unrecognised columns and those recognised with low confidence (`guessed`: header, field):
    the coordinator confirms or corrects those of a feed on the feed page."""
    columns = [c.model_dump() for c in report.unmapped_columns]
    columns += [{"header": h[:200], "proposal": f, "guessed": True} for h, f in list(guessed)[:50]]
    run = session.get(ImportRun, report.import_run_id) if report.import_run_id and columns else None
    if run is not None:
        run.unmapped_columns = columns
        session.add(run)
        session.flush()
    return report


def applies(feed: ProviderFeed | None) -> bool:
    """HSDS feeds name their fields; CSV/JSON feeds of wait files (or of a kind told by the header) have columns."""
    return feed is not None and feed.adapter != "hsds" and (feed.kind or KIND) == KIND


def for_feed(session: Session, feed: ProviderFeed) -> FeedColumns:
    run = repository.last_feed_run(session, feed)
    stored = mappings.of_feed(session, feed.organization_id, feed.id, KIND)
    general = mappings.of_feed(session, feed.organization_id, None, KIND)
    known = {m.header_key for m in stored + general}
    unmapped = [
        FeedColumn(
            c["header"], c.get("proposal") if c.get("proposal") in FIELD_LABELS else None, bool(c.get("guessed"))
        )
        for c in (run.unmapped_columns or [] if run else [])
        if header_key(c["header"]) not in known
    ]
    confirmed = [("feed", m) for m in stored] + [("general", m) for m in general]
    return FeedColumns(
        run=run,
        unmapped=unmapped,
        stored=[m for m in stored if m.field != mappings.NO_TREATMENT_WAIT],
        general=[(m.header, mappings.describe(m.field)) for m in general if m.field != mappings.NO_TREATMENT_WAIT],
        no_treatment_wait=next((scope for scope, m in confirmed if m.field == mappings.NO_TREATMENT_WAIT), None),
    )


def check(headers: list[str], fields: list[str]) -> Outcome:
    """The posted pick list (one field per column; empty: not chosen yet) -> {header: field}, or Dutch errors."""
    outcome = Outcome()
    for header, chosen in zip(headers, fields, strict=False):
        header, chosen = header.strip(), chosen.strip()
        if not header or not chosen:
            continue
        if len(header) > MAX_HEADER:
            outcome.errors[header[:MAX_HEADER]] = (
                f"Kolomnaam is langer dan {MAX_HEADER} tekens; zo'n kolom kan niet worden gekoppeld."
            )
        elif chosen not in CHOICES:
            outcome.errors[header] = (
                f"Kolom '{header}': '{chosen[:60]}' is geen betekenis die waitinfo kent. Kies een betekenis uit de "
                f"lijst, of 'niet gebruiken'."
            )
        else:
            outcome.saved[header] = chosen
    return outcome


def save(
    session: Session,
    feed: ProviderFeed,
    *,
    headers: list[str],
    fields: list[str],
    remove: list[str],
    no_treatment_wait: bool,
    actor: str,
    user_id: uuid.UUID | None = None,
) -> Outcome:
    """Store the chosen mappings for this feed and forget the removed ones, in one audited change; nothing when
    any choice is wrong."""
    outcome = check(headers, fields)
    if outcome.errors:
        return outcome
    org_id = feed.organization_id
    before = {m.header: m.field for m in mappings.of_feed(session, org_id, feed.id, KIND)}
    removing = {h.strip() for h in remove if h.strip()}
    outcome.saved = {h: f for h, f in outcome.saved.items() if h not in removing}
    if no_treatment_wait:
        outcome.saved[mappings.NO_TREATMENT_WAIT] = mappings.NO_TREATMENT_WAIT
    for header in sorted(removing):
        if mappings.remove(session, org_id, header, KIND, feed_id=feed.id):
            outcome.removed.append(header)
    mappings.save(session, org_id, outcome.saved, kind=KIND, feed_id=feed.id, actor=actor)
    session.flush()
    after = {m.header: m.field for m in mappings.of_feed(session, org_id, feed.id, KIND)}
    after.update({h: None for h in before if h not in after})  # a removed mapping is a change too
    audit.record(
        session,
        actor=actor,
        action="update",
        entity_type="column_mapping",
        entity_id=feed.id,
        old=before,
        new=after,
        organization_id=org_id,
        user_id=user_id,
    )
    return outcome
