"""Demo services (aanbod): the builder per organisation kind, and each offer as service, needs, areas, sites."""

from waitinfo.catalogue.models import Service, ServiceArea, ServiceAtLocation, ServiceNeed
from waitinfo.demo.common import REPORT_LAG, Demo, did, need_id
from waitinfo.demo.names import LANGUAGE_SETS, MUNI
from waitinfo.demo.organizations import MUNI_NAMES, slugify
from waitinfo.demo.services_ggz import (
    addiction_specs,
    basic_specs,
    gp_specs,
    paramedical_specs,
    practice_specs,
    specialist_specs,
)
from waitinfo.demo.services_social import municipality_specs, peer_specs, social_work_specs, welfare_specs
from waitinfo.demo.specs import spec  # noqa: F401 (re-exported: groups and support build their offer with it)
from waitinfo.reference import data

ALL_MUNICIPALITIES = sorted(MUNI.values())
_BY_NAME = {name: code for code, name in MUNI_NAMES.items()}
SUBREGION_OF = {_BY_NAME[n]: [_BY_NAME[x] for x in names] for _, names in data.SUBREGIONS.values() for n in names}

REGISTER = {
    "referral": "Aanmelden met een verwijzing van de huisarts of de POH-ggz (via Zorgdomein). Wij nemen binnen "
    "een week contact op om de intake te plannen.",
    "direct": "U kunt zich zonder verwijzing aanmelden: bel of mail ons, of vul het aanmeldformulier op de "
    "website in. Wij bellen u binnen drie werkdagen terug.",
    "paid": "Zonder verwijzing: maak een afspraak via de website voor een kennismakingsgesprek. U betaalt zelf.",
    "social": "Zonder verwijzing: bel, mail of loop binnen tijdens het inloopspreekuur. U krijgt binnen twee "
    "weken een eerste gesprek.",
    "municipality": "Neem contact op met het sociaal wijkteam van de gemeente (telefonisch, per e-mail of op "
    "het inloopspreekuur). Na een keukentafelgesprek neemt de gemeente een besluit.",
    "support_point": "Loop gewoon binnen tijdens de openingstijden. Aanmelden of een verwijzing is niet nodig.",
    "group": "Aanmelden via het formulier op de website of via uw hulpverlener. Daarna volgt een kort "
    "kennismakingsgesprek.",
    "ehealth": "Meld u aan via de website; u ontvangt binnen twee werkdagen een inlogcode. Een verwijzing is "
    "niet nodig.",
    "poh": "Maak een afspraak via de assistente van uw eigen huisartsenpraktijk.",
    "crisis": "Alleen via de huisarts, de huisartsenpost of de crisisdienst. Bij direct gevaar: bel 112.",
    "peer": "Bel, mail of loop binnen. Een ervaringsdeskundige neemt binnen een week contact met u op.",
}

COST_TEXT = {
    "insured": "Vergoed uit de basisverzekering; het eigen risico geldt.",
    "free": "Gratis.",
    "own_contribution": "Eigen bijdrage volgens de Wmo (abonnementstarief).",
    "voluntary": "Vrijwillige bijdrage voor koffie en materiaal.",
    "paid": "Zelf betalen; sommige aanvullende verzekeringen vergoeden een deel.",
}

BUILDERS = {
    "specialist_ggz": specialist_specs,
    "basic_ggz": basic_specs,
    "independent_practice": practice_specs,
    "addiction_care": addiction_specs,
    "social_work": social_work_specs,
    "welfare": welfare_specs,
    "peer_recovery": peer_specs,
    "municipality": municipality_specs,
    "paramedical": paramedical_specs,
    "gp_care": gp_specs,
}


def assured_date(demo: Demo, org: dict):
    lag = REPORT_LAG.get(org["key"], 0)
    if lag is None:
        lag = 3
    return demo.day(lag * 30 + demo.rng.randint(0, 20))


def add_service(demo: Demo, org: dict, s: dict, locations: list[dict], areas: list[str]) -> dict:
    """Insert-ready rows for one service: the service, its needs, area and service-at-location rows."""
    rng = demo.rng
    slug = slugify(org["name"].removesuffix(" (fictief)"))
    host = org["website"].removeprefix("https://www.")
    referral_text = "Verwijzing van de huisarts of POH-ggz nodig." if s["referral"] else "Geen verwijzing nodig."
    min_age = s.get("min_age", 18)
    svc = demo.add(
        Service,
        id=did("service", org["key"], s["key"]),
        organization_id=org["id"],
        name=s["name"],
        description=s.get("description") or f"{s['name']} door {org['name']}. Fictief aanbod voor de demonstratie.",
        domain=s["domain"],
        kind=s["kind"],
        wait_kind=s["wait_kind"],
        status="active",
        eligibility_description=s.get("eligibility") or f"Volwassenen vanaf {min_age} jaar.",
        minimum_age=min_age,
        maximum_age=s.get("max_age"),
        referral_required=s["referral"],
        referral_description=referral_text,
        cost=s["cost"],
        cost_description=s.get("cost_text") or COST_TEXT[s["cost"]],
        languages=rng.choice(LANGUAGE_SETS),
        how_to_register=REGISTER[s["register"]],
        url=f"https://www.{host}/aanbod/{slugify(s['name'])}",
        email=f"aanmelden@{host}",
        phone=org["phone"],
        online_possible=bool(s.get("online")),
        suitable_while_waiting=bool(s.get("while_waiting")),
        assured_date=assured_date(demo, org),
        created_at=demo.moment(600),
        updated_at=demo.moment(rng.randint(1, 60)),
    )
    svc["org_key"], svc["slug"] = org["key"], slug
    demo.services.append(svc)
    demo.service_needs[svc["id"]] = list(dict.fromkeys(s["needs"]))
    for code in demo.service_needs[svc["id"]]:
        demo.add(ServiceNeed, service_id=svc["id"], taxonomy_term_id=need_id(code))
    for code in sorted(set(areas)):
        demo.add(ServiceArea, service_id=svc["id"], municipality_code=code)
    for loc in locations:
        sal = demo.add(
            ServiceAtLocation,
            id=did("sal", svc["id"], loc["id"]),
            service_id=svc["id"],
            location_id=loc["id"],
            description="",
            created_at=demo.moment(600),
            updated_at=demo.moment(30),
        )
        sal["municipality_code"] = loc["municipality_code"]
        demo.sals[svc["id"]].append(sal)
    return svc


def area_for(kind: str, s: dict, locations: list[dict]) -> list[str]:
    munis = [loc["municipality_code"] for loc in locations if loc["municipality_code"]]
    if s.get("online") or kind in ("specialist_ggz", "addiction_care", "peer_recovery") or s["kind"] == "crisis":
        return ALL_MUNICIPALITIES
    if kind in ("basic_ggz", "independent_practice", "paramedical", "social_work"):
        return sorted({m for code in munis for m in SUBREGION_OF[code]})
    return munis


def build_services(demo: Demo) -> None:
    rng = demo.rng
    for org in demo.orgs:
        physical = demo.locations[org["id"]]
        for s in BUILDERS[org["kind"]](demo, org):
            if s.get("online"):
                locations = [demo.virtual.get(org["id"]) or physical[0]]
            elif s["kind"] == "treatment" and len(physical) > 1:
                locations = [physical[0]] + rng.sample(physical[1:], rng.randint(0, min(3, len(physical) - 1)))
            else:
                locations = physical if s["kind"] in ("consultation", "crisis") else physical[:2]
            add_service(demo, org, s, locations, area_for(org["kind"], s, locations))
