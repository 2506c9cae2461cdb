"""Demo services (aanbod) per organisation kind, with needs, service areas and locations."""

from waitinfo.catalogue.models import Service, ServiceArea, ServiceAtLocation, ServiceNeed
from waitinfo.demo.common import REPORT_LAG, Demo, did, need_id
from waitinfo.demo.names import LANGUAGE_SETS, MUNI, NEED_LABELS
from waitinfo.demo.organizations import MUNI_NAMES, slugify
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

GGZ_NEEDS = ["somberheid", "angst", "stress", "trauma", "relaties-gezin"]


def spec(
    key: str,
    name: str,
    kind: str,
    domain: str,
    wait_kind: str,
    needs: list[str],
    referral: bool,
    cost: str,
    register: str,
    **extra,
) -> dict:
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "domain": domain,
        "wait_kind": wait_kind,
        "needs": needs,
        "referral": referral,
        "cost": cost,
        "register": register,
        **extra,
    }


FOCUS = {
    "tpg": ["somberheid", "angst", "psychose", "persoonlijkheid"],
    "reggedal": ["somberheid", "angst", "trauma"],
    "lonneker": ["trauma"],
    "esch": ["eetproblemen"],
    "kwadrant": ["persoonlijkheid"],
    "oosterhof": ["adhd-autisme"],
    "angstcentrum": ["angst"],
    "veldhuis": ["psychose"],
    "dinkelborgh": ["somberheid", "angst"],
    "sgnot": ["somberheid", "angst", "trauma"],
}


def specialist_specs(demo: Demo, org: dict) -> list[dict]:
    rng, key = demo.rng, org["key"]
    out = [
        spec(
            f"beh-{n}",
            f"Specialistische behandeling bij {NEED_LABELS[n]}",
            "treatment",
            "ggz",
            "ggz_specialist",
            [n] + ([rng.choice(["stress", "relaties-gezin"])] if rng.random() < 0.3 else []),
            True,
            "insured",
            "referral",
            min_age=60 if key == "dinkelborgh" else 18,
        )
        for n in FOCUS[key]
    ]
    if key in ("tpg", "reggedal", "veldhuis"):
        out.append(
            spec(
                "crisis",
                "Crisisdienst volwassenen (24 uur per dag)",
                "crisis",
                "ggz",
                "none",
                ["crisis"],
                True,
                "insured",
                "crisis",
            )
        )
    if key in ("tpg", "angstcentrum", "esch", "lonneker", "reggedal"):
        n = FOCUS[key][0] if key != "tpg" else "angst"
        out.append(
            spec(
                "ehealth",
                f"Online zelfhulpprogramma bij {NEED_LABELS[n]}",
                "ehealth",
                "ggz",
                "none",
                [n],
                False,
                "free",
                "ehealth",
                online=True,
                while_waiting=True,
            )
        )
    if key in ("tpg", "veldhuis", "kwadrant", "oosterhof"):
        out.append(
            spec(
                "naasten",
                "Informatie en advies voor naasten",
                "information",
                "ggz",
                "none",
                ["relaties-gezin", "mantelzorg"],
                False,
                "free",
                "direct",
            )
        )
    if key in ("angstcentrum", "tpg"):
        out.append(
            spec(
                "consult",
                "Adviesgesprek bij angst zonder verwijzing",
                "consultation",
                "ggz",
                "none",
                ["angst"],
                False,
                "free",
                "direct",
                while_waiting=True,
            )
        )
    return out


def basic_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    needs = rng.sample(GGZ_NEEDS, 3)
    if org["key"] in ("reggevecht", "bgnt", "twentekanaal"):
        needs = ["angst"] + [n for n in needs if n != "angst"][:2]
    out = [
        spec(
            f"beh-{n}",
            f"Behandeling basis-ggz bij {NEED_LABELS[n]}",
            "treatment",
            "ggz",
            "ggz_basic",
            [n] + rng.sample(["stress", "relaties-gezin", "zingeving"], rng.randint(0, 1)),
            True,
            "insured",
            "referral",
        )
        for n in needs
    ]
    out.append(
        spec(
            "ehealth",
            f"Online cursus bij {NEED_LABELS[needs[0]]}",
            "ehealth",
            "ggz",
            "none",
            [needs[0], "stress"],
            False,
            "free",
            "ehealth",
            online=True,
            while_waiting=True,
        )
    )
    if org["key"] == "onlinebasis":
        out.append(
            spec(
                "online-beh",
                "Online behandeling basis-ggz (beeldbellen)",
                "treatment",
                "ggz",
                "ggz_basic",
                ["somberheid", "angst"],
                True,
                "insured",
                "referral",
                online=True,
            )
        )
    return out


def practice_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    needs = rng.sample(GGZ_NEEDS + ["persoonlijkheid", "adhd-autisme"], rng.randint(1, 2))
    if org["key"] in ("lindehof", "nieuweruimte"):
        needs = ["angst"] + [n for n in needs if n != "angst"][:1]
    out = []
    for n in needs:
        specialist = n in ("persoonlijkheid", "adhd-autisme") or rng.random() < 0.25
        out.append(
            spec(
                f"beh-{n}",
                ("Psychotherapie" if specialist else "Kortdurende behandeling") + f" bij {NEED_LABELS[n]}",
                "treatment",
                "ggz",
                "ggz_specialist" if specialist else "ggz_basic",
                [n],
                True,
                "insured",
                "referral",
            )
        )
    if org["key"] in ("nieuweruimte", "esveld", "kanaalzicht", "lindehof"):
        out.append(
            spec(
                "zonder-verwijzing",
                "Kortdurende hulp zonder verwijzing (zelf betalen)",
                "consultation",
                "ggz",
                "ggz_basic",
                needs[:1] + ["stress"],
                False,
                "paid",
                "paid",
            )
        )
    return out


def addiction_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "beh",
            "Behandeling bij verslaving",
            "treatment",
            "ggz",
            "ggz_specialist",
            ["verslaving"],
            True,
            "insured",
            "referral",
        ),
        spec(
            "inloop",
            "Vrij inloopspreekuur alcohol, drugs en gokken",
            "consultation",
            "ggz",
            "none",
            ["verslaving"],
            False,
            "free",
            "direct",
            while_waiting=True,
        ),
    ]
    if org["key"] in ("gokgame", "dinkelregge"):
        out.append(
            spec(
                "ehealth",
                "Anonieme online hulp bij gokken en gamen",
                "ehealth",
                "ggz",
                "none",
                ["verslaving"],
                False,
                "free",
                "ehealth",
                online=True,
                while_waiting=True,
            )
        )
    if org["key"] == "dinkelregge":
        out.append(
            spec(
                "naasten",
                "Steun voor naasten van mensen met een verslaving",
                "information",
                "ggz",
                "none",
                ["verslaving", "relaties-gezin", "mantelzorg"],
                False,
                "free",
                "direct",
            )
        )
    return out


def social_work_specs(demo: Demo, org: dict) -> list[dict]:
    if org["key"] == "schuldhulp":
        return [
            spec(
                "schuld",
                "Schuldhulpverlening en budgetcoaching",
                "consultation",
                "social",
                "social",
                ["geldzorgen"],
                False,
                "free",
                "social",
            ),
            spec(
                "thuisadmin",
                "Vrijwillige thuisadministratie",
                "peer_support",
                "social",
                "none",
                ["geldzorgen"],
                False,
                "free",
                "social",
            ),
        ]
    out = [
        spec(
            "amw",
            "Algemeen maatschappelijk werk",
            "consultation",
            "social",
            "social",
            ["stress", "relaties-gezin", "geldzorgen"],
            False,
            "free",
            "social",
            while_waiting=True,
        ),
        spec(
            "rouw",
            "Begeleiding bij rouw en verlies",
            "consultation",
            "social",
            "social",
            ["zingeving"],
            False,
            "free",
            "social",
        ),
    ]
    if demo.rng.random() < 0.6:
        out.append(
            spec(
                "relatie",
                "Hulp bij relatie- en gezinsproblemen",
                "consultation",
                "social",
                "social",
                ["relaties-gezin"],
                False,
                "free",
                "social",
            )
        )
    return out


def welfare_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    out = [
        spec(
            "formulier",
            "Formulierenhulp en geldzaken",
            "information",
            "social",
            "none",
            ["geldzorgen"],
            False,
            "free",
            "social",
        ),
        spec(
            "mantelzorg",
            "Mantelzorgondersteuning en respijtzorg",
            "consultation",
            "social",
            "none",
            ["mantelzorg"],
            False,
            "free",
            "social",
        ),
        spec(
            "maatje",
            "Maatjesproject: samen iets ondernemen",
            "peer_support",
            "social",
            "none",
            ["eenzaamheid", "herstel"],
            False,
            "free",
            "social",
            while_waiting=True,
        ),
    ]
    if rng.random() < 0.7:
        out.append(
            spec(
                "vrijwilligers",
                "Vrijwilligerswerk en dagbesteding zoeken",
                "information",
                "social",
                "none",
                ["werk-dagbesteding", "eenzaamheid"],
                False,
                "free",
                "social",
            )
        )
    if rng.random() < 0.5:
        out.append(
            spec(
                "ouderen",
                "Ouderenadvies en huisbezoek",
                "consultation",
                "social",
                "none",
                ["eenzaamheid", "wonen"],
                False,
                "free",
                "social",
                min_age=65,
            )
        )
    return out


def peer_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "lotgenoten",
            "Lotgenotencontact met ervaringsdeskundigen",
            "peer_support",
            "social",
            "none",
            ["herstel", "eenzaamheid", "somberheid"],
            False,
            "free",
            "peer",
            while_waiting=True,
        ),
        spec(
            "begeleiding",
            "Herstelondersteuning door een ervaringsdeskundige",
            "peer_support",
            "social",
            "none",
            ["herstel", "angst", "psychose"],
            False,
            "free",
            "peer",
            while_waiting=True,
        ),
    ]
    if org["key"] == "digiherstel":
        out.append(
            spec(
                "chat",
                "Herstelchat met ervaringsdeskundigen",
                "ehealth",
                "social",
                "none",
                ["herstel", "eenzaamheid", "crisis"],
                False,
                "free",
                "ehealth",
                online=True,
                while_waiting=True,
            )
        )
    return out


def municipality_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "wijkteam",
            "Sociaal wijkteam: ondersteuning thuis (Wmo)",
            "consultation",
            "social",
            "social",
            ["wonen", "mantelzorg", "eenzaamheid"],
            False,
            "own_contribution",
            "municipality",
        ),
        spec(
            "schuld",
            "Schuldhulpverlening van de gemeente",
            "consultation",
            "social",
            "social",
            ["geldzorgen"],
            False,
            "free",
            "municipality",
        ),
        spec(
            "participatie",
            "Werk, participatie en dagbesteding",
            "consultation",
            "social",
            "social",
            ["werk-dagbesteding"],
            False,
            "free",
            "municipality",
        ),
    ]
    if demo.rng.random() < 0.5:
        out.append(
            spec(
                "wonen",
                "Hulp bij wonen en beschermd wonen (toegang)",
                "information",
                "social",
                "none",
                ["wonen", "psychose"],
                False,
                "free",
                "municipality",
            )
        )
    return out


def paramedical_specs(demo: Demo, org: dict) -> list[dict]:
    needs = {
        "psysom": ["stress", "angst"],
        "beweging": ["somberheid", "stress"],
        "ergothuis": ["werk-dagbesteding"],
        "goedgevoed": ["eetproblemen"],
        "pmt": ["trauma", "stress"],
    }[org["key"]]
    return [
        spec(
            "beh",
            f"Paramedische begeleiding bij {NEED_LABELS[needs[0]]}",
            "treatment",
            "ggz",
            "none",
            needs,
            False,
            "insured",
            "direct",
            cost_text="Vergoed uit de aanvullende verzekering (niet uit de basisverzekering).",
        )
    ]


def gp_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "poh",
            "Gesprekken met de POH-ggz",
            "consultation",
            "ggz",
            "poh_ggz",
            ["somberheid", "angst", "stress"],
            False,
            "insured",
            "poh",
            while_waiting=True,
            eligibility="Voor patiënten die bij deze huisartsenpraktijk staan ingeschreven.",
            cost_text="Vergoed uit de basisverzekering; geen eigen risico.",
        )
    ]
    if demo.rng.random() < 0.5:
        out.append(
            spec(
                "ehealth",
                "Online zelfhulpmodules via de praktijk",
                "ehealth",
                "ggz",
                "none",
                ["somberheid", "angst", "stress"],
                False,
                "free",
                "ehealth",
                online=True,
                while_waiting=True,
            )
        )
    return out


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
