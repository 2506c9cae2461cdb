"""Demo group offers (groepsaanbod) over the municipalities and the four domain types, with places."""

from decimal import Decimal

from waitinfo.catalogue.details import GroupOffer
from waitinfo.demo.common import Demo, did, unit_id
from waitinfo.demo.names import MUNI
from waitinfo.demo.services import SUBREGION_OF, add_service, spec
from waitinfo.waits.models import ServiceCapacity

# (key, name, domain type, needs, organisation kinds that run it, target group, sessions or None = ongoing,
#  referral needed)
TEMPLATES = [
    (
        "angst-training",
        "Groepstraining Omgaan met angst en paniek",
        "ggz",
        ["angst"],
        ("basic_ggz", "specialist_ggz", "independent_practice"),
        "Volwassenen met angst- of paniekklachten",
        "8 bijeenkomsten van 2 uur op dinsdagmiddag",
        False,
    ),
    (
        "mindfulness",
        "Mindfulnessgroep bij terugkerende somberheid",
        "ggz",
        ["somberheid", "stress"],
        ("basic_ggz", "specialist_ggz", "independent_practice"),
        "Volwassenen met terugkerende somberheid",
        "8 x woensdagavond",
        False,
    ),
    (
        "stabilisatie",
        "Stabilisatiegroep na trauma",
        "ggz",
        ["trauma"],
        ("specialist_ggz",),
        "Volwassenen in behandeling na een schokkende gebeurtenis",
        "10 x maandagochtend",
        True,
    ),
    (
        "emotieregulatie",
        "Vaardigheidstraining emotieregulatie",
        "ggz",
        ["persoonlijkheid"],
        ("specialist_ggz",),
        "Volwassenen met heftige emoties",
        "20 x donderdagmiddag",
        True,
    ),
    (
        "adhd-groep",
        "Psycho-educatiegroep ADHD bij volwassenen",
        "ggz",
        ["adhd-autisme"],
        ("specialist_ggz", "independent_practice"),
        "Volwassenen met (een vermoeden van) ADHD",
        "6 x dinsdagavond",
        False,
    ),
    (
        "terugval",
        "Terugvalpreventiegroep alcohol en drugs",
        "ggz",
        ["verslaving"],
        ("addiction_care",),
        "Volwassenen die willen stoppen of minderen",
        None,
        False,
    ),
    (
        "naasten-edu",
        "Psycho-educatie voor naasten",
        "ggz",
        ["relaties-gezin", "mantelzorg"],
        ("specialist_ggz", "addiction_care"),
        "Partners, ouders en vrienden",
        "5 x maandagavond",
        False,
    ),
    (
        "samen-aan-tafel",
        "Samen aan tafel: ontmoetingsgroep",
        "social_work_welfare",
        ["eenzaamheid"],
        ("welfare",),
        "Iedereen die graag meer mensen wil ontmoeten",
        None,
        False,
    ),
    (
        "rouwgroep",
        "Rouwgroep: verder na verlies",
        "social_work_welfare",
        ["zingeving"],
        ("social_work", "welfare"),
        "Volwassenen die een dierbare hebben verloren",
        "7 x dinsdagochtend",
        False,
    ),
    (
        "grip-op-geld",
        "Cursus Grip op je geld",
        "social_work_welfare",
        ["geldzorgen"],
        ("social_work", "welfare", "municipality"),
        "Volwassenen met geldzorgen",
        "4 x woensdagmiddag",
        False,
    ),
    (
        "mantelzorgcafe",
        "Mantelzorgcafé",
        "social_work_welfare",
        ["mantelzorg", "eenzaamheid"],
        ("welfare",),
        "Mantelzorgers",
        None,
        False,
    ),
    (
        "wandelgroep",
        "Wandelgroep Samen in beweging",
        "social_work_welfare",
        ["eenzaamheid", "somberheid"],
        ("welfare", "peer_recovery"),
        "Volwassenen die samen willen bewegen",
        None,
        False,
    ),
    (
        "stress-de-baas",
        "Cursus Stress de baas",
        "social_work_welfare",
        ["stress", "angst"],
        ("social_work", "welfare"),
        "Volwassenen met spanning en stress",
        "6 x donderdagavond",
        False,
    ),
    (
        "wrap",
        "Herstelgroep WRAP (eigen regie bij herstel)",
        "social_work_welfare",
        ["herstel", "somberheid", "angst"],
        ("peer_recovery",),
        "Mensen die werken aan hun herstel",
        "8 x maandagmiddag",
        False,
    ),
    (
        "creatief",
        "Creatieve herstelgroep",
        "social_work_welfare",
        ["herstel", "eenzaamheid"],
        ("peer_recovery", "welfare"),
        "Iedereen die creatief bezig wil zijn",
        None,
        False,
    ),
    (
        "spanning",
        "Cursus Omgaan met spanning en piekeren",
        "social_work_welfare",
        ["angst", "stress"],
        ("social_work", "welfare"),
        "Volwassenen die veel piekeren of angstig zijn",
        "6 x dinsdagavond",
        False,
    ),
    (
        "beweeg-somber",
        "Beweeggroep bij somberheid",
        "paramedical",
        ["somberheid", "stress"],
        ("paramedical",),
        "Volwassenen met sombere gevoelens",
        "12 x maandag en donderdag",
        False,
    ),
    (
        "ontspanning",
        "Ontspanningstraining in groep",
        "paramedical",
        ["stress", "angst"],
        ("paramedical",),
        "Volwassenen met stressklachten",
        "6 x woensdagochtend",
        False,
    ),
    (
        "dagstructuur",
        "Training dagstructuur en energie",
        "paramedical",
        ["werk-dagbesteding", "somberheid"],
        ("paramedical",),
        "Volwassenen die hun dag weer willen vullen",
        "8 x vrijdagochtend",
        False,
    ),
    (
        "jong",
        "Groep Jongvolwassenen: grip op je leven",
        "social_work_welfare",
        ["somberheid", "werk-dagbesteding"],
        ("social_work", "welfare"),
        "Jongvolwassenen van 18 tot en met 27 jaar",
        "8 x woensdagmiddag",
        False,
    ),
    (
        "senioren",
        "Zilveren draad: ontmoeting voor 65-plussers",
        "institutional_social_base",
        ["eenzaamheid", "zingeving"],
        ("welfare",),
        "Inwoners van 65 jaar en ouder",
        None,
        False,
    ),
    (
        "bibliotheek",
        "Ontmoetingsgroep in de bibliotheek",
        "institutional_social_base",
        ["eenzaamheid", "zingeving"],
        ("welfare", "municipality"),
        "Iedereen",
        None,
        False,
    ),
    (
        "buurtsport",
        "Buurtsport: bewegen en ontmoeten",
        "institutional_social_base",
        ["eenzaamheid", "stress"],
        ("municipality", "welfare"),
        "Volwassenen in de wijk",
        None,
        False,
    ),
    (
        "taalcafe",
        "Taalcafé en ontmoeting",
        "institutional_social_base",
        ["eenzaamheid", "werk-dagbesteding"],
        ("welfare", "municipality"),
        "Nieuwkomers en buurtbewoners",
        None,
        False,
    ),
]
# Group offers per municipality: more in the three cities (KPI 47 follows Enschede, Hengelo and Almelo).
COUNTS = {"ens": 9, "hen": 8, "alm": 8}
DEFAULT_COUNT = 4
CITIES = ("ens", "hen", "alm")
FIRST_IN = {"alm": ["spanning", "angst-training"]}
# Which other professional domains plausibly join a group of each domain type (KPI 47).
PARTNERS = {
    "ggz": ["social_work_welfare", "paramedical"],
    "social_work_welfare": ["ggz", "paramedical", "institutional_social_base"],
    "paramedical": ["ggz", "social_work_welfare"],
    "institutional_social_base": ["social_work_welfare", "ggz"],
}
AGES = {"jong": (18, 27), "senioren": (65, None)}


def build_group_offers(demo: Demo) -> None:
    rng = demo.rng
    for mkey, code in MUNI.items():
        candidates = [t for t in TEMPLATES if t[0] in FIRST_IN.get(mkey, [])]
        rest = [t for t in TEMPLATES if t not in candidates]
        rng.shuffle(rest)
        wanted = COUNTS.get(mkey, DEFAULT_COUNT + (1 if rng.random() < 0.4 else 0))
        multi_domain = 0
        made = 0
        for template in candidates + rest:
            if made >= wanted:
                break
            host = pick_host(demo, template[4], code)
            if host is None:
                continue
            org, loc = host
            multi = mkey in CITIES and multi_domain < 3 or rng.random() < 0.15
            add_group(demo, template, org, loc, mkey, multi)
            multi_domain += multi
            made += 1


def pick_host(demo: Demo, kinds: tuple[str, ...], code: str):
    """An organisation of one of the kinds with a location in the municipality (first by kind order)."""
    for kind in kinds:
        for org in demo.orgs:
            if org["kind"] != kind:
                continue
            for loc in demo.locations[org["id"]]:
                if loc["municipality_code"] == code:
                    return org, loc
    return None


def add_group(demo: Demo, template: tuple, org: dict, loc: dict, mkey: str, multi: bool) -> None:
    rng = demo.rng
    key, name, domain_type, needs, _kinds, target, sessions, referral = template
    ggz = domain_type in ("ggz", "paramedical")
    cost = "insured" if ggz else rng.choice(["free", "free", "voluntary"])
    s = spec(
        f"groep-{key}-{mkey}",
        name,
        "group_offer",
        "ggz" if ggz else "social",
        "none",
        needs,
        referral,
        cost,
        "referral" if referral else "group",
        while_waiting=not referral,
        cost_text="Vergoed uit de aanvullende verzekering." if domain_type == "paramedical" else None,
        min_age=AGES.get(key, (18, None))[0],
        max_age=AGES.get(key, (18, None))[1],
    )
    if key in AGES:
        s["eligibility"] = target + "."
    areas = SUBREGION_OF[loc["municipality_code"]] if ggz else [loc["municipality_code"]]
    svc = add_service(demo, org, s, [loc], areas)
    sal = demo.sals[svc["id"]][0]
    ongoing = sessions is None
    if ongoing:
        start = demo.month(rng.randint(6, 30))
    else:
        start = demo.day(rng.randint(-75, 50))  # negative: starts in the future
    total = rng.randint(8, 16)
    roll = rng.random()
    free = 0 if roll < 0.25 else (total if roll > 0.85 else rng.randint(1, total - 1))
    domains = [domain_type]
    if multi:
        domains += rng.sample(PARTNERS[domain_type], rng.randint(1, 2))
    demo.add(
        GroupOffer,
        service_id=svc["id"],
        domain_type=domain_type,
        target_group=target,
        sessions=sessions or "Doorlopend; instromen kan op elk moment",
        start_date=start,
        ongoing=ongoing,
        places_total=total,
        places_free=free,
        professional_domains=domains,
        updated_at=demo.moment(rng.randint(1, 40)),
    )
    demo.add(
        ServiceCapacity,
        id=did("capacity", svc["id"]),
        service_id=svc["id"],
        service_at_location_id=sal["id"],
        unit_id=unit_id("places"),
        available=Decimal(free),
        maximum=Decimal(total),
        description="Vrije plaatsen in de groep",
        updated=demo.moment(rng.randint(1, 40)),
    )
