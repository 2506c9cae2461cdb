"""How wait rows find a service the file does not name, and what is said about rows that find none: the services
at a location (proposed from their needs for the row's diagnosis group), and the notes for linked and held rows."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.imports.context import Context
from waitinfo.imports.schemas import RowIssue

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
    """The services at each location of the provider, with their wait kinds and needs (for rows that name no
    service, or a service the provider does not have)."""

    def __init__(self, session: Session, org_id: uuid.UUID):
        self.at: dict[uuid.UUID, list[tuple[uuid.UUID, str, set[str]]]] = {}
        for loc, sid, wait_kind, needs in session.execute(
            text(
                "select sal.location_id, s.id, s.wait_kind, coalesce(array_agg(t.code) filter (where t.code is not "
                "null), '{}') from service s join service_at_location sal on sal.service_id = s.id "
                "left join service_need n on n.service_id = s.id left join taxonomy_term t on t.id = n.taxonomy_term_id "
                "where s.organization_id = :o and s.status = 'active' and s.wait_kind <> 'none' "
                "group by sal.location_id, s.id, s.wait_kind"
            ),
            {"o": org_id},
        ):
            self.at.setdefault(loc, []).append((sid, wait_kind, set(needs)))
        self.codes = dict(
            session.execute(
                text(
                    "select t.id, t.code from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
                    "where x.code = 'diagnosis_groups'"
                )
            ).all()
        )

    def service(self, location_id: uuid.UUID, svc: dict, group_id) -> uuid.UUID | None:
        """The one service at this location the row belongs to, or None when there is none or several fit."""
        candidates = self.at.get(location_id, [])
        if svc["name"] is not None or len(candidates) > 1:
            same_kind = [c for c in candidates if c[1] == svc["wait_kind"]]
            candidates = same_kind or candidates
        if len(candidates) > 1 and group_id is not None:
            needs = set(NEEDS_OF_GROUP.get(self.codes.get(group_id), ()))
            fitting = [c for c in candidates if c[2] & needs]
            candidates = fitting or candidates
        return candidates[0][0] if len(candidates) == 1 else None


def report_links(ctx: Context, linked: dict[tuple, tuple], created: list[str]) -> None:
    """For the dry run and the report: new locations (a provider's first file) and rows linked to a service
    that the file did not name."""
    for name in created:
        ctx.changes.append(RowIssue(message=f"Nieuwe vestiging: '{name}' (eerste bestand van deze aanbieder)."))
    if not linked:
        return
    names = dict(
        ctx.session.execute(
            text(
                "select id, name from service where id = any(:s) union all select id, name from location "
                "where id = any(:l)"
            ),
            {"s": list({s for _, s in linked}), "l": list({loc for loc, _ in linked})},
        ).all()
    )
    for (loc_id, svc_id), (line, how) in linked.items():
        ctx.changes.append(
            RowIssue(
                line=line,
                message=f"Gekoppeld aan aanbod '{names[svc_id]}' op vestiging '{names[loc_id]}' ({how}).",
            )
        )


def report_held(ctx: Context, held_location: list[dict], held_service: list[dict]) -> None:
    """Rows that match no location or no service: reported per row (once per line: a wide file's line gives a
    record per month), not stored, not published."""
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
    for r in held_service:
        if ("service", r.get("line")) in said:
            continue
        said.add(("service", r.get("line")))
        ctx.notes.append(
            RowIssue(
                line=r.get("line"),
                field=None,
                message=(
                    "Koppel deze regel aan uw aanbod: er is op deze vestiging geen (of meer dan één) passend aanbod "
                    "gevonden. De regel is niet gepubliceerd en wacht in het portaal (Aanbod > Regels koppelen) tot "
                    "u hem aan een aanbod koppelt; dat wordt onthouden voor volgende bestanden."
                ),
            )
        )
