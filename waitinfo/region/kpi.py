"""Programme KPIs (33, 35, 36, 38, 44, 45, 47) computed from the data, each with its Dutch definition, its target
and whether it is met (../shared/kpis.md)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from waitinfo.catalogue.details import GROUP_DOMAIN_TYPES
from waitinfo.core.clock import add_months, month_start
from waitinfo.region import fitgap, growth, kpi_waits
from waitinfo.region.common import DOMAIN_LABELS, POINT_TYPE_LABELS, municipalities, support_points
from waitinfo.region.group_offers import all_offers

KPI47_MUNICIPALITIES = ("GM0153", "GM0164", "GM0141")  # Enschede, Hengelo, Almelo


@dataclass
class Kpi:
    number: int
    title: str
    definition: str  # the programme's definition, in Dutch
    method: str  # how waitinfo computes it
    headline: str
    value: float | None
    unit: str
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    target: str = ""  # the programme's target, in Dutch
    met: bool | None = None  # met / not met against the target (None: cannot be judged)
    extra: list[tuple[str, list[str], list[list]]] = field(default_factory=list)  # (title, header, rows)

    @property
    def met_label(self) -> str:
        return {True: "gehaald", False: "niet gehaald", None: "niet te beoordelen"}[self.met]


_pct = kpi_waits.pct


def kpi33(session: Session, today: date) -> Kpi:
    d = kpi_waits.kpi33_figures(session, today)
    share = d["share"]
    return Kpi(
        33,
        "Actuele informatie over wachttijden",
        "Een digitaal systeem met actuele informatie over wachttijden en beschikbaar aanbod in de ggz, voor verwijzers "
        "en teams verkennend gesprek, minstens maandelijks bijgewerkt, live bij alle deelnemende ggz-instellingen "
        "in Twente (uiterlijk 31-12-2026).",
        "Eenheid: een vestiging van actief ggz-aanbod (basis of specialistisch) van een deelnemende instelling, per "
        "hoofddiagnosegroep die zij meldt. Een eenheid is actueel als zij een cijfer heeft over de laatst verwachte "
        f"maand of later (nu: {kpi_waits.rules.MONTHS_NL[d['fresh_from'].month - 1]} {d['fresh_from'].year}; cijfers "
        "over een maand zijn uiterlijk op de afgesproken dag van de maand erna verwacht). Bevestigingen van het "
        "aanbod tellen apart en maken een wachttijd niet actueel.",
        f"{d['current']} van {d['units']} eenheden met een actueel cijfer"
        + (f" ({_fmt(share)}%)" if share is not None else "")
        + f"; {d['providers_current']} van {d['providers']} deelnemende aanbieders volledig actueel",
        share,
        "%",
        kpi_waits.HEADER,
        d["rows"],
        target=f"{_fmt(kpi_waits.KPI33_TARGET_PCT)}% van de eenheden met een actueel cijfer",
        met=None if share is None else share >= kpi_waits.KPI33_TARGET_PCT,
        extra=[("Ontbreekt: geen cijfer over de laatst verwachte maand", kpi_waits.MISSING_HEADER, d["missing"])],
    )


def kpi35(session: Session, today: date) -> Kpi:
    points = support_points(session, on=today)
    per = defaultdict(set)
    for p in points:
        per[p.municipality_code].add(p.service_id)
    munis = municipalities(session)
    rows = [[m.name, m.code, len(per.get(m.code, ()))] for m in munis]
    covered = sum(1 for r in rows if r[2] > 0)
    total = len({p.service_id for p in points})
    return Kpi(
        35,
        "Overzicht steunpunten per gemeente",
        "Een overzicht per gemeente van de steunpunten die er zijn (niet hun actuele beschikbaarheid), open voor "
        "inwoners en professionals (uiterlijk 31-12-2025).",
        "Het openbare overzicht /steunpunten met kaart; geteld: actieve steunpunten (open op de peildatum) per "
        "gemeente van vestiging.",
        f"{total} steunpunten; {covered} van {len(munis)} gemeenten hebben er minstens één",
        float(total),
        "steunpunten",
        ["Gemeente", "CBS-code", "Steunpunten"],
        rows,
        target="een openbaar overzicht per gemeente van de bestaande steunpunten",
        met=total > 0,
    )


def kpi36(session: Session, today: date) -> Kpi:
    crit, rows = fitgap.matrix(session, today, kinds=fitgap.SUPPORT_POINT_KINDS)
    complete = sum(1 for r in rows if not r.white_spot)
    unmet = sum(r.unmet for r in rows)
    detail = [[r.municipality.name, r.unmet, ", ".join(c.criterion.name for c in r.cells if not c.met)] for r in rows]
    return Kpi(
        36,
        "Fit-gap-analyse steunpunten (witte vlekken)",
        "Een fit-gap-analyse (witte vlekken) per gemeente: het bestaande aanbod afgezet tegen vooraf afgesproken "
        "criteria voor een dekkend netwerk (uiterlijk 31-12-2025).",
        f"Matrix gemeente x criterium over de steunpunten ({len(crit)} actieve criteria: nabijheid, openingsuren en "
        "de kenmerken van een dekkend netwerk, in te stellen door de coördinator; criteria over groepsaanbod tellen "
        "bij KPI 44). Een witte vlek is een criterium dat niet wordt gehaald. Details en cijfers: "
        "/regio/witte-vlekken.",
        f"{complete} van {len(rows)} gemeenten zonder witte vlek; {unmet} criteria niet gehaald",
        float(unmet),
        "witte vlekken",
        ["Gemeente", "Aantal witte vlekken", "Niet gehaalde criteria"],
        detail,
        target="een fit-gap-analyse per gemeente tegen vooraf afgesproken criteria voor steunpunten",
        met=bool(crit) and bool(rows),
    )


def kpi38(session: Session, today: date) -> Kpi:
    data = growth.growth(session, today)
    base, stored = growth.baseline(session)
    now = data["counts_now"]
    rows = [
        [
            m.label,
            m.baseline,
            m.baseline_note,
            m.current,
            m.current_note,
            m.growth_pct,
            {True: "ja", False: "nee", None: "onbekend"}[m.target_met],
        ]
        for m in data["measures"]
    ]
    # Register and programme side by side, and progress toward the planned capacity.
    capacity = []
    for t in growth.CORE_TYPES:
        prog, plan, cur = growth.BASELINE_POINTS[t], growth.PLAN_POINTS[t], now.get(t, 0)
        progress = round((cur - prog) / (plan - prog) * 100, 1) if plan != prog else None
        capacity.append([POINT_TYPE_LABELS[t], base["points"].get(t, 0), prog, cur, plan, progress])
    core = data["measures"][0]
    return Kpi(
        38,
        "Groei capaciteit steunpuntennetwerk",
        "De regionale capaciteit van het netwerk van steunpunten is met minstens 10% gegroeid richting de gewenste "
        "capaciteit: extra steunpunten of inlooppunten, langere openingstijden of groter bereik, meer inwoners die "
        "er gebruik van maken, gemeten tegen een nulmeting (uiterlijk 31-12-2026).",
        f"Nulmeting: het register op {growth.BASELINE_MONTH:%d-%m-%Y} "
        + ("(vastgelegde momentopname)" if stored else "(nog niet vastgelegd: berekend uit het huidige register)")
        + " tegenover nu: steunpunten per soort, openingsuren per week, bezoekers per maand; groei in procenten, doel "
        f"+{_fmt(growth.TARGET_GROWTH_PCT)}%. Daarnaast de aantallen van het programma (nulmeting 4 herstelcentra en "
        "7 inloophuizen, plan 7 en 14) en de voortgang naar die geplande capaciteit.",
        f"Herstelcentra en inloophuizen: {_fmt(core.current)} (register op de nulmeting {_fmt(core.baseline)}, "
        f"groei {_fmt(core.growth_pct)}%)",
        core.growth_pct,
        "%",
        ["Maat", "Nulmeting", "Nulmeting toelichting", "Nu", "Nu toelichting", "Groei (%)", "Doel +10% gehaald"],
        rows,
        target=f"minstens +{_fmt(growth.TARGET_GROWTH_PCT)}% capaciteit (herstelcentra en inloophuizen) t.o.v. de "
        "nulmeting",
        met=core.target_met,
        extra=[
            (
                "Register en programma naast elkaar, voortgang naar de geplande capaciteit",
                [
                    "Soort",
                    "Register op de nulmeting",
                    "Programma nulmeting",
                    "Register nu",
                    "Programma plan",
                    "Voortgang naar plan (%)",
                ],
                capacity,
            )
        ],
    )


def kpi44(session: Session, today: date) -> Kpi:
    offers = fitgap.group_offers_by_municipality(session)
    desired = {d: 0 for d in GROUP_DOMAIN_TYPES}
    for c in fitgap.criteria(session):
        if c.kind == "group_offer_domain" and c.params.get("domain") in desired:
            desired[c.params["domain"]] = max(desired[c.params["domain"]], int(c.params.get("min", 1)))
    rows, gaps = [], 0
    for m in municipalities(session):
        row = [m.name]
        for d in GROUP_DOMAIN_TYPES:
            have = offers.get(m.code, {}).get(d, 0)
            gaps += have < desired[d]
            row += [have, desired[d]]
        rows.append(row)
    header = ["Gemeente"] + [
        x for d in GROUP_DOMAIN_TYPES for x in (f"{DOMAIN_LABELS[d]}: bestaand", f"{DOMAIN_LABELS[d]}: gewenst")
    ]
    return Kpi(
        44,
        "Fit-gap groepsaanbod",
        "Een fit-gap van bestaand en gewenst groepsaanbod en de soorten in de regio (ggz, sociaal werk, welzijn, "
        "paramedisch, institutionele sociale basis) (uiterlijk 31-3-2026).",
        "Matrix gemeente x domeintype: bestaand groepsaanbod (gevestigd in of bedoeld voor de gemeente) tegenover "
        "het gewenste minimum uit de criteria voor groepsaanbod.",
        f"{gaps} tekorten (gemeente x domeintype onder het gewenste aantal)",
        float(gaps),
        "tekorten",
        header,
        rows,
        target="een fit-gap van bestaand en gewenst groepsaanbod per domeintype",
        met=any(v > 0 for v in desired.values()),
    )


def kpi45(session: Session, today: date) -> Kpi:
    offers = all_offers(session)
    soon = add_months(month_start(today), 3)
    places = sum(o.offer.places_total or 0 for o in offers)
    free = sum(o.offer.places_free or 0 for o in offers)
    upcoming = sum(1 for o in offers if o.offer.start_date and today <= o.offer.start_date < soon)
    complete = sum(
        1
        for o in offers
        if (o.offer.start_date or o.offer.ongoing) and o.offer.places_total is not None and o.offer.professional_domains
    )
    rows = [
        ["Groepsaanbod in het overzicht", len(offers)],
        ["Plaatsen totaal", places],
        ["Plaatsen vrij", free],
        ["Starts in de komende 3 maanden", upcoming],
        ["Volledig geregistreerd (start of doorlopend, plaatsen, domeinen professionals)", complete],
        ["Aandeel volledig geregistreerd (%)", _pct(complete, len(offers))],
    ]
    return Kpi(
        45,
        "Registratie, monitoring en planning groepsaanbod",
        "Werkafspraken met een format voor registratie en monitoring van groepsaanbod, en een planningsinstrument "
        "(uiterlijk 31-3-2026).",
        "De inventaris zelf (/groepsaanbod): plaatsen, startdata en domeinen van de betrokken professionals, met "
        "een planningsoverzicht van komende starts.",
        f"{len(offers)} groepsaanbiedingen, {free} van {places} plaatsen vrij, {upcoming} starts in 3 maanden",
        float(len(offers)),
        "groepsaanbiedingen",
        ["Maat", "Waarde"],
        rows,
        target="elk groepsaanbod volgens het format geregistreerd (start of doorlopend, plaatsen, domeinen)",
        met=bool(offers) and complete == len(offers),
    )


def kpi47(session: Session, today: date) -> Kpi:
    offers = all_offers(session)
    names = {m.code: m.name for m in municipalities(session)}
    per = defaultdict(int)
    for o in offers:
        if len(set(o.offer.professional_domains)) >= 2:
            for mname in o.municipalities:
                per[mname] += 1
    rows = [[names[c], per.get(names[c], 0), "ja" if per.get(names[c], 0) else "nee"] for c in KPI47_MUNICIPALITIES]
    started = sum(1 for r in rows if r[1])
    rows += [[n, per[n], "n.v.t."] for n in sorted(per) if n not in {r[0] for r in rows}]
    return Kpi(
        47,
        "Domeinoverstijgend groepsaanbod",
        "Een start gemaakt in Enschede, Hengelo en Almelo met groepsaanbod dat professionals uit meerdere domeinen "
        "samen uitvoeren (uiterlijk 31-3-2027).",
        "Aantal groepsaanbiedingen per gemeente met professionals uit twee of meer domeinen.",
        f"{started} van 3 gemeenten (Enschede, Hengelo, Almelo) hebben een start gemaakt",
        float(started),
        "gemeenten",
        ["Gemeente", "Groepsaanbod met 2+ domeinen", "Start gemaakt"],
        rows,
        target="een start in Enschede, Hengelo en Almelo",
        met=started == len(KPI47_MUNICIPALITIES),
    )


def all_kpis(session: Session, today: date) -> list[Kpi]:
    return [f(session, today) for f in (kpi33, kpi35, kpi36, kpi38, kpi44, kpi45, kpi47)]


def _fmt(v) -> str:
    if v is None:
        return "onbekend"
    return f"{float(v):.1f}".rstrip("0").rstrip(".").replace(".", ",")


SUMMARY_HEADER = [
    "KPI",
    "Titel",
    "Uitkomst",
    "Waarde",
    "Eenheid",
    "Doel",
    "Gehaald",
    "Peildatum",
    "Definitie",
    "Berekening",
]


def summary_rows(kpis: list[Kpi], today: date) -> list[list]:
    return [
        [k.number, k.title, k.headline, k.value, k.unit, k.target, k.met_label, today, k.definition, k.method]
        for k in kpis
    ]
