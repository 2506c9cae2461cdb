"""Which of the provider's locations a wait row means: vestiging AGB code, then postcode + house number, then name
(+ postcode), then postcode alone, then a short name ("Hengelo"); new locations only for a provider's first file.
Bulk statements (arrays unnested server-side), so files of thousands of rows stay fast."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.imports.wait_fields import EXCEL_SHEET_NAME, cut_name


def _loc_key(loc: dict) -> tuple:
    return (loc["agb"], loc["name"].lower(), loc["postal_code"], loc["house_number"])


def _norm_name(name: str | None) -> str:
    return " ".join((name or "").split()).lower()


def _norm_pc(pc: str | None) -> str | None:
    return pc.replace(" ", "").upper() if pc else None


def _by_short_name(short: list[tuple[str, str, uuid.UUID]], name: str) -> uuid.UUID | None:
    """A row naming a location the short way ("Enschede" for "GGZ Voorbeeld Enschede", or its city): the one
    location whose name ends with those words or whose city it is; None when none or several do."""
    found = {lid for full, city, lid in short if full.endswith(" " + name) or city == name}
    return found.pop() if len(found) == 1 else None


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
    location's), a sheet name Excel cut at 31 characters, a short name (the one location whose name ends with it or whose city it is). Names are compared
    without case and with spacing (also non-breaking spaces) collapsed.
    Matched locations get the AGB code and missing details of the file; new ones only when `may_create`, with
    `status` ('pending' from untrusted runs until the coordinator approves)."""
    from waitinfo.imports.wait_fields import house_number

    by_agb, by_address, by_name_pc, by_name, by_pc = {}, {}, {}, {}, {}
    short: list[tuple[str, str, uuid.UUID]] = []  # (name, city) of each location, for rows that say "Enschede"
    for lid, name, pc, agb, address, city in session.execute(
        text("select id, name, postal_code, agb_code, address_1, city from location where organization_id = :o"),
        {"o": org_id},
    ):
        short.append((_norm_name(name), _norm_name(city), lid))
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
            or (name and not (loc["agb"] or pc) and _by_short_name(short, name))
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
