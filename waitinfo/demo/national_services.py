"""National generator: ten services per provider, with their needs, service areas and sites."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.demo.national_common import SERVICES_PER_ORG, SITES_PER_SERVICE, Progress, copy_rows, hash_int, nid
from waitinfo.demo.national_places import Municipality, Org, Site

SOCIAL_ORG_KINDS = {"social_work", "welfare", "peer_recovery"}
GGZ_SERVICES = [
    ("treatment", "Behandeling"),
    ("treatment", "Kortdurende behandeling"),
    ("consultation", "Consult"),
    ("group_offer", "Groepstraining"),
    ("ehealth", "Online behandeling"),
    ("crisis", "Crisisdienst"),
]
SOCIAL_SERVICES = [
    ("consultation", "Maatschappelijk werk"),
    ("group_offer", "Lotgenotengroep"),
    ("peer_support", "Ervaringsdeskundige steun"),
    ("support_point", "Inloop"),
    ("information", "Informatiepunt"),
    ("consultation", "Schuldhulp en ondersteuning"),
]

# service id, organisation id, wait kind, number within the provider, site ids, their municipality indexes, social
Planned = tuple[uuid.UUID, uuid.UUID, str, int, list[uuid.UUID], list[int], bool]
ServiceSite = tuple[uuid.UUID, str, float]  # service_at_location id, wait kind, starting wait level in weeks


def need_pools(session: Session) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """The need terms (taxonomy ids) for ggz and for social services; fails without reference data."""
    needs = session.execute(
        text(
            "select t.id, coalesce(t.usual_domain, 'both') from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
            "where x.code = 'needs' order by t.code"
        )
    ).all()
    if not needs:
        raise RuntimeError("Referentiegegevens ontbreken: voer eerst `waitinfo migrate` uit.")
    ggz_needs = [n for n, d in needs if d in ("ggz", "both")] or [n for n, _ in needs]
    social_needs = [n for n, d in needs if d in ("social", "both")] or [n for n, _ in needs]
    return ggz_needs, social_needs


def plan_services(rng: random.Random, orgs: list[Org], sites: list[list[Site]]) -> list[Planned]:
    services = []
    n_svc = 0
    for i, (oid, kind, _home) in enumerate(orgs):
        social = kind in SOCIAL_ORG_KINDS
        for k in range(SERVICES_PER_ORG):
            sid = nid(3, n_svc)
            n_svc += 1
            chosen = rng.sample(sites[i], SITES_PER_SERVICE) if len(sites[i]) >= SITES_PER_SERVICE else sites[i]
            wait_kind = (
                "social"
                if social
                else (
                    "ggz_specialist"
                    if kind in ("specialist_ggz", "addiction_care")
                    else "poh_ggz"
                    if kind == "gp_care"
                    else "ggz_basic"
                )
            )
            services.append((sid, oid, wait_kind, k, [s[0] for s in chosen], [s[1] for s in chosen], social))
    return services


def description(label: str, town: str, social: bool) -> str:
    if social:
        return (
            f"{label} in {town}: praktische steun bij geldzorgen, eenzaamheid, opvoeding en werk. "
            "Vrij toegankelijk, zonder verwijzing."
        )
    return (
        f"{label} in {town} bij angst, depressie, trauma en andere psychische klachten. "
        "Individueel of in een groep, met een vaste behandelaar."
    )


def _service_rows(services: list[Planned], munis: list[Municipality], rng: random.Random, today: date):
    for sid, oid, wait_kind, k, _sites, muni_idx, social in services:
        kind, label = (SOCIAL_SERVICES if social else GGZ_SERVICES)[(k + hash_int(sid)) % 6]
        town = munis[muni_idx[0]][1].replace(" (fictief)", "")
        assured = today - timedelta(days=rng.randint(0, 120))
        cost = "free" if social else ("insured" if kind != "ehealth" else rng.choice(["insured", "paid"]))
        yield (
            sid,
            oid,
            f"{label} {town}",
            description(label, town, social),
            "social" if social else "ggz",
            kind,
            "none" if kind in ("information", "support_point") else wait_kind,
            "active",
            "Volwassenen",
            18,
            None,
            not social and kind != "crisis",
            "",
            cost,
            "",
            ["nl"],
            "Aanmelden via de website.",
            False if kind != "ehealth" else True,
            social and k % 4 == 0,
            assured,
        )


def copy_services(
    conn, services: list[Planned], munis: list[Municipality], rng: random.Random, today: date, bar: Progress
) -> int:
    return copy_rows(
        conn,
        "service",
        [
            "id",
            "organization_id",
            "name",
            "description",
            "domain",
            "kind",
            "wait_kind",
            "status",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "referral_required",
            "referral_description",
            "cost",
            "cost_description",
            "languages",
            "how_to_register",
            "online_possible",
            "suitable_while_waiting",
            "assured_date",
        ],
        _service_rows(services, munis, rng, today),
        len(services),
        bar,
        "aanbod",
    )


def copy_needs(
    conn,
    services: list[Planned],
    ggz_needs: list[uuid.UUID],
    social_needs: list[uuid.UUID],
    rng: random.Random,
    bar: Progress,
) -> int:
    def need_rows():
        for sid, *_rest, social in services:
            pool = social_needs if social else ggz_needs
            for term in rng.sample(pool, min(len(pool), 1 + hash_int(sid) % 3)):
                yield (sid, term)

    return copy_rows(
        conn, "service_need", ["service_id", "taxonomy_term_id"], need_rows(), len(services) * 2, bar, "hulpvragen"
    )


def copy_areas(conn, services: list[Planned], munis: list[Municipality], bar: Progress) -> int:
    """A service's area: the municipalities of its sites (so search by municipality stays selective)."""

    def area_rows():
        for sid, _o, _w, _k, _s, muni_idx, _soc in services:
            for m in sorted(set(muni_idx)):
                yield (sid, munis[m][0])

    return copy_rows(
        conn, "service_area", ["service_id", "municipality_code"], area_rows(), len(services) * 2, bar, "werkgebieden"
    )


def copy_service_sites(
    conn, services: list[Planned], rng: random.Random, bar: Progress
) -> tuple[list[ServiceSite], int]:
    """A service_at_location per site of each service; returns them (with a starting wait level) and their count."""
    sals: list[ServiceSite] = []

    def sal_rows():
        n = 0
        for sid, _o, wait_kind, _k, site_ids, _m, _soc in services:
            for lid in site_ids:
                sal_id = nid(4, n)
                n += 1
                sals.append((sal_id, wait_kind, rng.uniform(1, 14)))
                yield (sal_id, sid, lid, "")

    count = copy_rows(
        conn,
        "service_at_location",
        ["id", "service_id", "location_id", "description"],
        sal_rows(),
        len(services) * SITES_PER_SERVICE,
        bar,
        "aanbod per vestiging",
    )
    return sals, count
