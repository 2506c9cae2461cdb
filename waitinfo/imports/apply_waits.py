"""Apply validated wait records in bulk: match each row to one of the provider's locations (vestiging AGB code,
then postcode + house number, then name) and services (by name, else through the services at that location),
then store the observations (`wait_store`: new months COPYed, stored months merged figure by figure).

A wait file creates locations and services only for a provider that has none yet (its first delivery); for a
provider with a catalogue, a row that matches no location ("nieuwe vestiging?") or no service ("koppel deze regel
aan uw aanbod") is held: reported, not stored, not published."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.core.clock import today
from waitinfo.imports.context import Context
from waitinfo.imports.held import hold, remembered_link, remembered_links
from waitinfo.imports.models import ImportRun
from waitinfo.imports.schemas import RowIssue
from waitinfo.imports.wait_fields import EXCEL_SHEET_NAME, cut_name
from waitinfo.imports.wait_links import Links, report_held, report_links
from waitinfo.imports.wait_store import (  # noqa: F401 - re-exported for callers and tests
    COPY_CHUNK,
    WAIT_COLUMNS,
    CopyText,
    Written,
    stage_waits,
    write_waits,
)


def _loc_key(loc: dict) -> tuple:
    return (loc["agb"], loc["name"].lower(), loc["postal_code"], loc["house_number"])


def _norm_name(name: str | None) -> str:
    return " ".join((name or "").split()).lower()


def _norm_pc(pc: str | None) -> str | None:
    return pc.replace(" ", "").upper() if pc else None


def match_locations(
    session: Session,
    org_id: uuid.UUID,
    locations: list[dict],
    may_create: bool,
    created: list[str] | None = None,
    status: str = "active",
) -> dict[tuple, uuid.UUID | None]:
    """Row location key -> location id, or None when the row matches no location of the provider (held).
    Order: vestiging AGB code, postcode + house number, name + postcode (or a location stored without postcode),
    name alone (when the row has no AGB code or postcode and one location has the name), postcode alone (when the
    row gives no house number, one location of the provider has that postcode and the row's name is not another
    location's). Names are compared without case and with spacing (also non-breaking spaces) collapsed.
    Matched locations get the AGB code and missing details of the file; new ones only when `may_create`, with
    `status` ('pending' from untrusted runs until the coordinator approves)."""
    from waitinfo.imports.wait_fields import house_number

    by_agb, by_address, by_name_pc, by_name, by_pc = {}, {}, {}, {}, {}
    for lid, name, pc, agb, address in session.execute(
        text("select id, name, postal_code, agb_code, address_1 from location where organization_id = :o"),
        {"o": org_id},
    ):
        if agb:
            by_agb[agb] = lid
        number = house_number(address)
        if pc and number:
            by_address.setdefault((_norm_pc(pc), number), lid)
        name = _norm_name(name)
        by_name_pc[(name, _norm_pc(pc))] = lid
        by_name.setdefault(name, []).append(lid)
        if pc:
            by_pc.setdefault(_norm_pc(pc), []).append(lid)
    result: dict[tuple, uuid.UUID | None] = {}
    new_rows, touched = [], []
    for loc in locations:
        k = _loc_key(loc)
        if k in result:
            continue
        name, pc = _norm_name(loc["name"]), _norm_pc(loc["postal_code"])
        lid = (
            (loc["agb"] and by_agb.get(loc["agb"]))
            or (pc and loc["house_number"] and by_address.get((pc, loc["house_number"])))
            or (name and (by_name_pc.get((name, pc)) or by_name_pc.get((name, None))))
            or (name and not (loc["agb"] or pc) and len(by_name.get(name, ())) == 1 and by_name[name][0])
            or (name and not (loc["agb"] or pc) and len(name) == EXCEL_SHEET_NAME and cut_name(by_name, name))
            or (
                pc
                and not loc["house_number"]
                and len(by_pc.get(pc, ())) == 1
                and (not name or by_name.get(name, by_pc[pc]) == by_pc[pc])
                and by_pc[pc][0]
            )
            or None
        )
        if lid is None and may_create and loc["name"]:
            lid = uuid.uuid4()
            new_rows.append({"id": lid, "o": org_id, "name": loc["name"], **_loc_params(loc)})
            if created is not None:
                created.append(loc["name"])
            by_name_pc[(name, pc)] = lid
            if loc["agb"]:
                by_agb[loc["agb"]] = lid
        elif lid is not None:
            touched.append({"id": lid, **_loc_params(loc)})
        result[k] = lid
    # One statement per step (arrays unnested server-side), not one per row: large files stay fast.
    if new_rows:
        session.execute(
            text(
                "insert into location (id, organization_id, name, location_type, address_1, postal_code, city, "
                "municipality_code, agb_code, status, description, created_at, updated_at) "
                "select id, :o, name, type, address, pc, city, mun, agb, :status, '', clock_timestamp(), "
                "clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:type as text[]), cast(:address as text[]), "
                "cast(:pc as text[]), cast(:city as text[]), cast(:mun as text[]), cast(:agb as text[])) "
                "as t(id, name, type, address, pc, city, mun, agb)"
            ),
            {
                "o": org_id,
                "status": status,
                **_columns(new_rows, ("id", "name", "type", "address", "pc", "city", "mun", "agb")),
            },
        )
    if touched:
        # Only locations whose details changed are written (and get a new updated_at): a monthly file names
        # the same thousands of locations every time, and sync should not see them as modified each month.
        # What the file leaves out (an AGB-only file has no address) never erases what is stored.
        session.execute(
            text(
                "update location l set address_1 = coalesce(t.address, l.address_1), city = coalesce(t.city, l.city), "
                "municipality_code = coalesce(t.mun, l.municipality_code), postal_code = coalesce(l.postal_code, t.pc), "
                "agb_code = coalesce(l.agb_code, t.agb), updated_at = clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:address as text[]), cast(:city as text[]), cast(:mun as text[]), "
                "cast(:pc as text[]), cast(:agb as text[])) as t(id, address, city, mun, pc, agb) "
                "where l.id = t.id and (l.address_1, l.city, l.municipality_code, l.postal_code, l.agb_code) "
                "is distinct from (coalesce(t.address, l.address_1), coalesce(t.city, l.city), "
                "coalesce(t.mun, l.municipality_code), coalesce(l.postal_code, t.pc), coalesce(l.agb_code, t.agb))"
            ),
            _columns(touched, ("id", "address", "city", "mun", "pc", "agb")),
        )
    return result


def _columns(rows: list[dict], names: tuple[str, ...]) -> dict[str, list]:
    """Row dicts -> one list per column, for `unnest` of array parameters."""
    return {n: [r[n] for r in rows] for n in names}


def _loc_params(loc: dict) -> dict:
    return {
        "type": loc.get("location_type") or "physical",
        "address": loc.get("address_1"),
        "pc": loc["postal_code"],
        "city": loc.get("city"),
        "mun": loc.get("municipality_code"),
        "agb": loc.get("agb"),
    }


def ensure_services(
    session: Session,
    org_id: uuid.UUID,
    services: list[dict],
    assured: date,
    may_create: bool,
    status: str = "active",
) -> dict[str, uuid.UUID | None]:
    """lower name -> service id (None: no such service and the provider has a catalogue); created only for a
    provider without services (its first delivery), with `status` ('pending' from provider runs until the
    coordinator approves); assured_date set for every one delivered."""
    existing = {
        name.lower(): sid
        for sid, name in session.execute(text("select id, name from service where organization_id = :o"), {"o": org_id})
    }
    wanted: dict[str, dict] = {}
    for svc in services:
        wanted.setdefault(svc["name"].lower(), svc)
    new_rows = []
    for k, svc in wanted.items():
        if k not in existing and may_create:
            existing[k] = uuid.uuid4()
            domain = "social" if svc["wait_kind"] == "social" else "ggz"
            new_rows.append(
                {
                    "id": existing[k],
                    "o": org_id,
                    "name": svc["name"],
                    "domain": domain,
                    "wk": svc["wait_kind"],
                    "assured": assured,
                }
            )
    if new_rows:
        session.execute(
            text(
                "insert into service (id, organization_id, name, description, domain, kind, wait_kind, status, "
                "eligibility_description, minimum_age, referral_required, referral_description, cost, cost_description, "
                "languages, how_to_register, online_possible, suitable_while_waiting, assured_date, created_at, "
                "updated_at) select id, :o, name, '', domain, 'treatment', wk, :status, '', 18, false, '', 'insured', '', "
                "array['nl'], '', false, false, :assured, clock_timestamp(), clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:domain as text[]), cast(:wk as text[])) "
                "as t(id, name, domain, wk)"
            ),
            {"o": org_id, "assured": assured, "status": status, **_columns(new_rows, ("id", "name", "domain", "wk"))},
        )
    ids = [existing[k] for k in wanted if k in existing]
    if ids:
        session.execute(
            text("update service set assured_date = :d, updated_at = clock_timestamp() where id = any(:ids)"),
            {"d": assured, "ids": ids},
        )
    return {k: existing.get(k) for k in wanted}


def ensure_sals(session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]]) -> dict[tuple, uuid.UUID]:
    """(service id, location id) -> service_at_location id."""
    if not pairs:
        return {}
    service_ids = list({s for s, _ in pairs})
    existing = {
        (s, loc): sid
        for sid, s, loc in session.execute(
            text("select id, service_id, location_id from service_at_location where service_id = any(:ids)"),
            {"ids": service_ids},
        )
    }
    new_rows = []
    for pair in pairs:
        if pair not in existing:
            existing[pair] = uuid.uuid4()
            new_rows.append({"id": existing[pair], "s": pair[0], "l": pair[1]})
    if new_rows:
        session.execute(
            text(
                "insert into service_at_location (id, service_id, location_id, description, created_at, updated_at) "
                "select id, s, l, '', clock_timestamp(), clock_timestamp() from unnest(cast(:id as uuid[]), "
                "cast(:s as uuid[]), cast(:l as uuid[])) as t(id, s, l)"
            ),
            _columns(new_rows, ("id", "s", "l")),
        )
    return {p: existing[p] for p in pairs}


def apply(ctx: Context, run: ImportRun, records: list[dict], actor: str) -> int:
    """Store what the records say; returns the number of rows stored (held rows left out); what they changed is
    in `ctx.memo["written"]`."""
    session = ctx.session
    org_id = ctx.organization.id
    has_locations, has_services = session.execute(
        text(
            "select exists (select 1 from location where organization_id = :o), "
            "exists (select 1 from service where organization_id = :o)"
        ),
        {"o": org_id},
    ).one()
    locations: dict[tuple, dict] = {}
    services: dict[str, dict] = {}
    for r in records:
        locations.setdefault(_loc_key(r["location"]), r["location"])
        if r["service"]["name"] is not None:
            services.setdefault(r["service"]["name"].lower(), r["service"])
    created: list[str] = []
    loc_ids = match_locations(
        session,
        org_id,
        list(locations.values()),
        may_create=not has_locations or ctx.push,
        created=created,
        status="active" if ctx.trusted else "pending",  # a provider's new location waits for the coordinator
    )
    svc_ids = ensure_services(
        session,
        org_id,
        list(services.values()),
        today(),
        may_create=not has_services or ctx.push,
        status="active" if ctx.trusted else "pending",
    )
    links = Links(session, org_id) if has_services else None
    remembered = remembered_links(session, org_id) if has_services else {}
    kept, pairs, held_location, held_service, held_twice = [], [], [], [], []
    linked: dict[tuple, int | None] = {}  # (location, service, ground) -> first line
    taken: dict[tuple, int | None] = {}
    for r in records:
        loc_id = loc_ids[_loc_key(r["location"])]
        if loc_id is None:
            held_location.append(r)
            continue
        svc = r["service"]
        svc_id = svc_ids.get(svc["name"].lower()) if svc["name"] is not None else None
        how = None
        if svc_id is None and remembered:
            svc_id = remembered_link(remembered, loc_id, r["wait"]["diagnosis_group_id"], svc["demand"])
            how = "eerder bevestigd"
        if svc_id is None and links is not None:
            svc_id, how = links.service(loc_id, svc, r["wait"]["diagnosis_group_id"]) or (None, None)
        if svc_id is not None and how is not None:
            linked.setdefault((loc_id, svc_id, how), r.get("line"))
        if svc_id is None:
            held_service.append((r, loc_id))
            continue
        slot = (svc_id, loc_id, r["wait"]["diagnosis_group_id"], r["wait"]["month"])
        if slot in taken:  # two rows (e.g. two zorgvraagtyperingen) landed on one service, group and month
            held_twice.append((r, taken[slot]))
            continue
        taken[slot] = r.get("line")
        kept.append(r)
        pairs.append((svc_id, loc_id))
    report_links(ctx, linked, created)
    report_held(ctx, held_location, held_service, links)
    hold(
        session,
        org_id,
        run.id,
        [("location", None, r) for r in held_location] + [("service", loc, r) for r, loc in held_service],
    )
    for r, first_line in held_twice:
        ctx.notes.append(
            RowIssue(
                line=r.get("line"),
                message=(
                    f"Koppel deze regel aan uw aanbod: hij komt op hetzelfde aanbod, dezelfde diagnosegroep en maand "
                    f"uit als regel {first_line}. Niet opgeslagen; vul de kolom Aanbod in om ze te onderscheiden."
                ),
            )
        )
    sal_ids = ensure_sals(session, set(pairs))
    written = write_waits(
        session,
        run,
        org_id,
        actor,
        [str(sal_ids[p]) for p in pairs],
        [r["wait"] for r in kept],
        given=[r.get("given", 127) for r in kept],
        lines=[r.get("line") for r in kept],
        changes=ctx.changes,
    )
    ctx.memo["written"] = written
    ctx.memo["held"] = len(held_location) + len(held_service) + len(held_twice)
    from waitinfo.imports.wait_store import report_jumps

    ctx.notes.extend(report_jumps(session, run))
    # A stop holds for the whole location of a service: one `ja` among its diagnosis-group rows wins.
    stops: dict[tuple, dict] = {}
    for p, r in zip(pairs, kept, strict=True):
        stop = r.get("intake_stop")
        if stop is not None and (stop["active"] or p not in stops):
            stops[p] = stop
    apply_intake_stops(session, {(s, sal_ids[(s, loc)]): stop for (s, loc), stop in stops.items()})
    return len(kept)


def apply_intake_stops(session: Session, stops: dict[tuple[uuid.UUID, uuid.UUID], dict]) -> None:
    """Per (service id, service_at_location id): `ja` opens a stop (or updates the open one); `nee` ends an open
    stop on the reference date. A few statements for all locations together, not a query per location."""
    if not stops:
        return
    by_sal = {sal: (service_id, stop) for (service_id, sal), stop in stops.items()}
    open_stops: dict[uuid.UUID, list[tuple]] = {}
    for stop_id, sal, starts_on, reason in session.execute(
        text(
            "select id, service_at_location_id, starts_on, reason from intake_stop "
            "where service_at_location_id = any(:sals) and ends_on is null order by starts_on, id"
        ),
        {"sals": list(by_sal)},
    ):
        open_stops.setdefault(sal, []).append((stop_id, starts_on, reason))
    new_rows, updates = [], []
    for sal, (service_id, stop) in by_sal.items():
        current = open_stops.get(sal, [])
        if stop["active"]:
            if current:
                stop_id, _, reason = current[0]
                updates.append({"id": stop_id, "reason": stop["reason"] or reason, "ends_on": stop["ends_on"]})
            else:
                new_rows.append(
                    {
                        "id": uuid.uuid4(),
                        "s": service_id,
                        "sal": sal,
                        "starts": stop["starts_on"],
                        "ends": stop["ends_on"],
                        "reason": stop["reason"],
                    }
                )
        else:
            updates.extend(
                {"id": stop_id, "reason": reason, "ends_on": max(starts_on, stop["starts_on"])}
                for stop_id, starts_on, reason in current
            )
    if new_rows:
        session.execute(
            text(
                "insert into intake_stop (id, service_id, service_at_location_id, starts_on, ends_on, reason, created_at, "
                "updated_at) select id, s, sal, starts, ends, reason, clock_timestamp(), clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:s as uuid[]), cast(:sal as uuid[]), cast(:starts as date[]), "
                "cast(:ends as date[]), cast(:reason as text[])) as t(id, s, sal, starts, ends, reason)"
            ),
            _columns(new_rows, ("id", "s", "sal", "starts", "ends", "reason")),
        )
    if updates:
        session.execute(
            text(
                "update intake_stop i set reason = t.reason, ends_on = t.ends_on from unnest(cast(:id as uuid[]), "
                "cast(:reason as text[]), cast(:ends_on as date[])) as t(id, reason, ends_on) "
                "where i.id = t.id and (i.reason, i.ends_on) is distinct from (t.reason, t.ends_on)"
            ),
            _columns(updates, ("id", "reason", "ends_on")),
        )
