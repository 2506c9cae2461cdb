"""How wait rows find a service the file does not name, and what is said about rows that find none: the services
at a location (narrowed by their needs for the row's diagnosis group and zorgvraagtype, `care_demand`), a proposal
when several fit, and the notes for linked and held rows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.imports.care_demand import DEMAND_TYPES, ELDERLY_MIN_AGE, describe, parse_demand
from waitinfo.imports.context import Context
from waitinfo.imports.schemas import RowIssue
from waitinfo.imports.wait_fields import ECHELON_NL

# Diagnosis group code -> need codes of services that treat it (to propose the service of a row).
NEEDS_OF_GROUP = {
    "angst": ("angst",),
    "depressie": ("somberheid",),
    "bipolair": ("somberheid",),
    "trauma": ("trauma",),
    "psychose": ("psychose",),
    "persoonlijkheid": ("persoonlijkheid",),
    "adhd": ("adhd-autisme",),
    "autisme": ("adhd-autisme",),
    "eetstoornis": ("eetproblemen",),
    "verslaving": ("verslaving",),
    "somatisch": ("stress",),
}


class Links:
    """The services at each location of the provider, with their wait kinds, needs and minimum age (for rows that
    name no service, or a service the provider does not have): the one that fits is linked, with the ground of the
    link; when several fit (or none by needs) the best one is proposed to the provider (`propose`)."""

    def __init__(self, session: Session, org_id: uuid.UUID):
        self.at: dict[uuid.UUID, list[_Candidate]] = {}
        for loc, sid, wait_kind, min_age, needs in session.execute(
            text(
                "select sal.location_id, s.id, s.wait_kind, s.minimum_age, coalesce(array_agg(t.code) filter "
                "(where t.code is not null), '{}') from service s join service_at_location sal on sal.service_id = s.id "
                "left join service_need n on n.service_id = s.id left join taxonomy_term t on t.id = n.taxonomy_term_id "
                "where s.organization_id = :o and s.status = 'active' and s.wait_kind <> 'none' "
                "group by sal.location_id, s.id, s.wait_kind, s.minimum_age"
            ),
            {"o": org_id},
        ):
            self.at.setdefault(loc, []).append(_Candidate(sid, wait_kind, frozenset(needs), min_age or 0))
        self.groups = {
            gid: (code, name)
            for gid, code, name in session.execute(
                text(
                    "select t.id, t.code, t.name from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
                    "where x.code = 'diagnosis_groups'"
                )
            )
        }

    def _fit(self, location_id: uuid.UUID, svc: dict, group_id) -> tuple[list[_Candidate], str, list[_Filter]]:
        """The services that fit the row (the hard filters), the ground when they narrowed it to one, and the
        filters by needs that matched (for a proposal among several)."""
        candidates = self.at.get(location_id, [])
        ground = ONLY_ONE
        if svc.get("echelon") is not None:  # the file named an echelon: only services of that kind (else held)
            candidates = [c for c in candidates if c.wait_kind == svc["echelon"]]
        elif svc["name"] is not None and len(candidates) > 1:  # a service name the provider lacks: its wait kind
            candidates = [c for c in candidates if c.wait_kind == svc["wait_kind"]] or candidates
        matched: list[_Filter] = []
        for f in self._filters(svc, group_id):
            if len(candidates) <= 1:
                break
            fitting = [c for c in candidates if f.fits(c)]
            if fitting:
                matched += [f] if f.by_needs else []
                candidates = fitting
                ground = f.ground
        return candidates, (ground if len(candidates) == 1 else ""), matched

    def _filters(self, svc: dict, group_id) -> list[_Filter]:
        filters = []
        code, name = self.groups.get(group_id, (None, None))
        if NEEDS_OF_GROUP.get(code):
            needs = frozenset(NEEDS_OF_GROUP[code])
            filters.append(_Filter(f"op grond van diagnosegroep {name}", lambda c, n=needs: bool(c.needs & n), True))
        number = parse_demand(svc.get("demand"))
        if number is not None:
            kind, ground = DEMAND_TYPES[number], f"op grond van {describe(number)}"
            if kind.needs:
                needs = frozenset(kind.needs)
                filters.append(_Filter(ground, lambda c, n=needs: bool(c.needs & n), True))
            if kind.elderly:
                filters.append(_Filter(ground, lambda c: c.min_age >= ELDERLY_MIN_AGE, False))
        return filters

    def lacks_echelon(self, location_id: uuid.UUID, svc: dict) -> bool:
        """The row names an echelon ("GB-GGZ") and the location has no service of that kind."""
        kind = svc.get("echelon")
        return kind is not None and all(c.wait_kind != kind for c in self.at.get(location_id, []))

    def service(self, location_id: uuid.UUID, svc: dict, group_id) -> tuple[uuid.UUID, str] | None:
        """The one service at this location the row belongs to, with the ground ("op grond van diagnosegroep
        Angststoornissen"), or None when there is none or several fit."""
        candidates, ground, _ = self._fit(location_id, svc, group_id)
        return (candidates[0].id, ground) if len(candidates) == 1 else None

    def propose(self, location_id: uuid.UUID, svc: dict, group_id) -> tuple[uuid.UUID, str] | None:
        """For a row that `service` does not link: the best of the services that fit, with the ground; None on a
        tie. Preferred: the wait kind its zorgvraagtype usually has, then (when the needs matched several) the
        service with the fewest other needs."""
        candidates, _, matched = self._fit(location_id, svc, group_id)
        if len(candidates) < 2:
            return None
        ground = ""
        number = parse_demand(svc.get("demand"))
        levels = DEMAND_TYPES[number].levels if number is not None else ()
        usual = [c for c in candidates if c.wait_kind in levels]
        if usual:
            candidates, ground = usual, f"op grond van {describe(number)}"
        if len(candidates) > 1 and matched:
            fewest = min(len(c.needs) for c in candidates)
            candidates, ground = [c for c in candidates if len(c.needs) == fewest], matched[-1].ground
        return (candidates[0].id, ground) if len(candidates) == 1 else None


ONLY_ONE = "het enige passende aanbod op deze vestiging"


@dataclass(frozen=True)
class _Candidate:
    id: uuid.UUID
    wait_kind: str
    needs: frozenset[str]
    min_age: int


@dataclass(frozen=True)
class _Filter:
    ground: str
    fits: Callable[[_Candidate], bool]
    by_needs: bool  # a match by needs: among several, the one with the fewest other needs is proposed


def report_links(ctx: Context, linked: dict[tuple, int | None], created: list[str]) -> None:
    """For the dry run and the report: new locations (a provider's first file) and rows linked to a service
    that the file did not name, with the ground of the link (`linked`: (location, service, ground) -> line)."""
    for name in created:
        ctx.changes.append(RowIssue(message=f"Nieuwe vestiging: '{name}' (eerste bestand van deze aanbieder)."))
    if not linked:
        return
    names = _names(ctx.session, {s for _, s, _ in linked}, {loc for loc, _, _ in linked})
    for (loc_id, svc_id, how), line in linked.items():
        ctx.changes.append(
            RowIssue(
                line=line,
                message=f"Gekoppeld aan aanbod '{names[svc_id]}' op vestiging '{names[loc_id]}' ({how}).",
            )
        )


def _names(session: Session, services: set, locations: set) -> dict:
    return dict(
        session.execute(
            text(
                "select id, name from service where id = any(:s) union all select id, name from location "
                "where id = any(:l)"
            ),
            {"s": list(services), "l": list(locations)},
        ).all()
    )


def report_held(
    ctx: Context, held_location: list[dict], held_service: list[tuple[dict, uuid.UUID]], links: Links | None
) -> None:
    """Rows that match no location, or no service at their location (with the proposed service, if any):
    reported per row (once per line: a wide file's line gives a record per month), not stored, not published."""
    said: set[tuple] = set()
    for r in held_location:
        loc = r["location"]
        what = loc["name"] or (f"AGB-code {loc['agb']}" if loc["agb"] else loc["postal_code"] or "?")
        if ("location", r.get("line"), what) in said:
            continue
        said.add(("location", r.get("line"), what))
        ctx.notes.append(
            RowIssue(
                line=r.get("line"),
                field=ctx.label("location_name"),
                message=(
                    f"Nieuwe vestiging? '{what}' komt niet overeen met een van uw vestigingen (AGB-code, postcode "
                    "en huisnummer, of naam). De regel is niet gepubliceerd en wacht in het portaal (Aanbod > Regels "
                    "koppelen): koppel hem aan een vestiging, of voeg de vestiging eerst toe aan uw aanbod."
                ),
            )
        )
    proposals = [
        (r, links.propose(loc, r["service"], r["wait"]["diagnosis_group_id"]) if links else None)
        for r, loc in held_service
    ]
    names = _names(ctx.session, {p[0] for _, p in proposals if p}, set()) if held_service else {}
    loc_of = {id(r): loc for r, loc in held_service}
    for r, proposal in proposals:
        if ("service", r.get("line")) in said:
            continue
        said.add(("service", r.get("line")))
        proposed = f" Voorstel: '{names[proposal[0]]}' ({proposal[1]})." if proposal else ""
        if links and links.lacks_echelon(loc_of[id(r)], r["service"]):
            proposed = (
                f" De regel noemt '{r['service']['care_type']}' ({ECHELON_NL[r['service']['echelon']]}); op deze "
                "vestiging is geen aanbod van die soort: een wachttijd van de ene soort zorg wordt niet bij een "
                "andere gepubliceerd."
            )
        ctx.notes.append(
            RowIssue(
                line=r.get("line"),
                field=None,
                message=(
                    "Koppel deze regel aan uw aanbod: er is op deze vestiging geen (of meer dan één) passend aanbod "
                    "gevonden. De regel is niet gepubliceerd en wacht in het portaal (Aanbod > Regels koppelen) tot "
                    f"u hem aan een aanbod koppelt; dat wordt onthouden voor volgende bestanden.{proposed}"
                ),
            )
        )
