"""Demo wait observations (24 months), import runs, intake stops, insurer contracts and treatment capacity."""

from datetime import timedelta
from decimal import Decimal

from waitinfo.demo.common import MONTHS, REPORT_LAG, Demo, diagnosis_id, did, insurer_id, unit_id, weeks
from waitinfo.demo.names import NEED_DIAGNOSES
from waitinfo.imports.models import ImportRun
from waitinfo.reference.data import INSURERS
from waitinfo.waits.models import InsurerContract, IntakeStop, ServiceCapacity, WaitTime

# Level of an organisation's waits: (registration weeks, treatment weeks) around which its figures move.
LEVELS = {
    "far_over": (9.0, 22.0),
    "over": (6.5, 15.5),
    "near": (3.5, 9.5),
    "within": (2.0, 5.5),
}
# Profiles per organisation key: level and the trend of the last months. Others are drawn at random.
PROFILES = {
    "tpg": ("over", "rising"),
    "reggedal": ("far_over", "flat"),
    "lonneker": ("far_over", "rising"),
    "esch": ("far_over", "falling"),
    "kwadrant": ("over", "flat"),
    "oosterhof": ("far_over", "flat"),
    "angstcentrum": ("far_over", "rising"),
    "veldhuis": ("near", "falling"),
    "dinkelborgh": ("within", "flat"),
    "twentekanaal": ("over", "falling"),
    "reggevecht": ("over", "rising"),
    "bghvt": ("over", "flat"),
    "vlier": ("over", "flat"),
    "salland": ("far_over", "flat"),
    "stadsweide": ("over", "falling"),
    "bgnt": ("over", "flat"),
    "onlinebasis": ("within", "flat"),
    "lindehof": ("within", "flat"),
    "nieuweruimte": ("near", "rising"),
    "dinkelregge": ("near", "flat"),
}
RUN_ADAPTERS = ("upload", "http-csv", "hsds", "portal")


def build_waits(demo: Demo) -> None:
    rng = demo.rng
    by_org: dict = {}
    for svc in demo.services:
        if svc["wait_kind"] in ("ggz_specialist", "ggz_basic", "poh_ggz", "social") and svc["kind"] != "group_offer":
            by_org.setdefault(svc["org_key"], []).append(svc)
    for org in demo.orgs:
        services = by_org.get(org["key"])
        if not services:
            continue
        lag = REPORT_LAG.get(org["key"], 0)
        if lag is None:
            continue  # this provider never reported: "geen gegevens", never zero
        if org["kind"] in ("gp_care", "municipality", "social_work") and rng.random() < 0.4:
            continue  # not every POH or social team reports its waits
        level, trend = PROFILES.get(org["key"]) or (rng.choice(list(LEVELS)), rng.choice(["flat", "rising", "falling"]))
        run = add_import_run(demo, org, lag)
        for svc in services:
            for sal in demo.sals[svc["id"]]:
                groups = [None]
                if svc["wait_kind"] == "ggz_specialist":
                    codes = [g for n in demo.service_needs[svc["id"]] for g in NEED_DIAGNOSES.get(n, [])]
                    groups = list(dict.fromkeys(codes))[:3] or ["overig"]
                for group in groups:
                    series(demo, org, svc, sal, group, level, trend, lag, run)
        run["rows_total"] = run["rows_applied"] = run.pop("count")


def add_import_run(demo: Demo, org: dict, lag: int) -> dict:
    """The import run that delivered the organisation's newest month."""
    rng = demo.rng
    reported = demo.month(lag) + timedelta(days=rng.randint(0, 3))
    adapter = rng.choice(RUN_ADAPTERS)
    started = demo.moment((demo.today - reported).days, hour=7)
    return demo.add(
        ImportRun,
        id=did("import_run", org["key"]),
        organization_id=org["id"],
        adapter=adapter,
        kind="wait-times",
        source="portaal" if adapter == "portal" else f"wachttijden-{demo.month(lag):%Y-%m}.csv",
        checksum=None,
        triggered_by="portal" if adapter == "portal" else ("scheduler" if adapter != "upload" else "portal"),
        status="applied",
        rows_total=0,
        rows_applied=0,
        rows_rejected=0,
        message="Demo: wachttijden van de nieuwste maand verwerkt.",
        started_at=started,
        finished_at=started + timedelta(seconds=rng.randint(2, 40)),
        count=0,
    )


def series(
    demo: Demo, org: dict, svc: dict, sal: dict, group: str | None, level: str, trend: str, lag: int, run: dict
) -> None:
    """24 monthly observations ending `lag` months ago; values depend on the month offset only."""
    rng = demo.rng
    reg0, treat0 = LEVELS[level]
    if svc["wait_kind"] == "poh_ggz":
        reg0, treat0 = rng.uniform(1.0, 4.5), 0.0
    elif svc["wait_kind"] == "social":  # from the municipality's decision to the start of support
        reg0, treat0 = rng.uniform(1.5, 9.0), 0.0
    scale = rng.uniform(0.75, 1.3)
    season = rng.uniform(0.0, 0.08)
    waiting_base = rng.randint(8, 120) if svc["wait_kind"].startswith("ggz") else rng.randint(3, 40)
    method = org["default_wait_method"]
    for offset in range(MONTHS - 1 + lag, lag - 1, -1):
        age = offset - lag  # 0 = the newest reported month
        factor = scale * trend_factor(trend, age)
        if age > 3:  # the last four months follow the trend exactly (e.g. rising three months in a row)
            factor *= 1 + season * ((offset % 12) - 6) / 6 + rng.uniform(-0.06, 0.06)
        reg = reg0 * factor
        treat = treat0 * factor
        social = svc["wait_kind"] in ("poh_ggz", "social")
        month = demo.month(offset)
        intakes = rng.randint(6, 40)
        within = None
        if svc["wait_kind"].startswith("ggz"):
            within = round(intakes * (0.3 if reg + treat > 14 else 0.85))
        moment = demo.moment((demo.today - month).days, hour=8)
        demo.add(
            WaitTime,
            id=did("wait", sal["id"], group, month.isoformat()),
            service_at_location_id=sal["id"],
            month=month,
            diagnosis_group_id=diagnosis_id(group) if group else None,
            registration_weeks=weeks(reg),
            treatment_weeks=None if social else weeks(treat),
            registration_text=None,
            treatment_text=None,
            waiting_count=max(0, round(waiting_base * factor)),
            method=method,
            reference_date=month,
            intake_within_norm=within,
            intake_outside_norm=None if within is None else intakes - within,
            import_run_id=run["id"] if age == 0 else None,
            created_at=moment,
            updated_at=moment,
        )
        if age == 0:
            run["count"] += 1


def trend_factor(trend: str, age: int) -> float:
    """Multiplier by months before the newest report: rising means each of the last months was higher."""
    if trend == "rising":
        return 1 - 0.06 * age if age <= 3 else 0.8 - 0.01 * min(age - 3, 10)
    if trend == "falling":
        return 0.8 + 0.08 * min(age, 5)
    return 1.0


def build_intake_stops(demo: Demo) -> None:
    """Two current intake stops (one for a whole service, one for one location) and one that ended."""
    by_key = {(s["org_key"], s["id"]): s for s in demo.services}
    treatments = {k: s for k, s in by_key.items() if s["kind"] == "treatment"}

    def first(org_key: str, text: str) -> dict:
        return next(s for (o, _), s in treatments.items() if o == org_key and text in s["name"])

    esch = first("esch", "eetproblemen")
    demo.add(
        IntakeStop,
        id=did("stop", "esch"),
        service_id=esch["id"],
        service_at_location_id=None,
        starts_on=demo.day(45),
        ends_on=demo.day(-60),
        reason="Aanmeldstop: de wachtlijst is te lang door een tekort aan behandelaars.",
        created_at=demo.moment(45),
        updated_at=demo.moment(45),
    )
    oosterhof = first("oosterhof", "ADHD")
    sal = demo.sals[oosterhof["id"]][-1]
    demo.add(
        IntakeStop,
        id=did("stop", "oosterhof"),
        service_id=oosterhof["id"],
        service_at_location_id=sal["id"],
        starts_on=demo.day(20),
        ends_on=None,
        reason="Patiëntenstop op deze vestiging; aanmelden kan wel op de andere vestigingen.",
        created_at=demo.moment(20),
        updated_at=demo.moment(20),
    )
    salland = next(s for (o, _), s in treatments.items() if o == "salland")
    demo.add(
        IntakeStop,
        id=did("stop", "salland"),
        service_id=salland["id"],
        service_at_location_id=None,
        starts_on=demo.day(10),
        ends_on=demo.day(-21),
        reason="Tijdelijke aanmeldstop tot de wachtlijst onder de 20 weken is.",
        created_at=demo.moment(10),
        updated_at=demo.moment(10),
    )
    tpg = first("tpg", "psychose")
    demo.add(
        IntakeStop,
        id=did("stop", "tpg-ended"),
        service_id=tpg["id"],
        service_at_location_id=None,
        starts_on=demo.day(150),
        ends_on=demo.day(70),
        reason="Aanmeldstop wegens verbouwing (afgelopen).",
        created_at=demo.moment(150),
        updated_at=demo.moment(70),
    )


def build_contracts(demo: Demo) -> None:
    """Insurer contracts of the ggz providers for the current year; some have reached their ceiling."""
    rng = demo.rng
    year = demo.today.year
    for org in demo.orgs:
        if org["kind"] not in ("specialist_ggz", "basic_ggz", "independent_practice", "addiction_care"):
            continue
        if org["key"] in ("kanaalzicht", "esrandpsy"):
            continue  # works without contracts (ongecontracteerd)
        count = len(INSURERS) if org["kind"] != "independent_practice" else rng.randint(3, len(INSURERS))
        chosen = sorted(rng.sample(range(len(INSURERS)), count))
        for i in chosen:
            code = INSURERS[i][0]
            ceiling = rng.random() < (0.35 if org["kind"] == "independent_practice" else 0.12)
            demo.add(
                InsurerContract,
                id=did("contract", org["key"], code, year),
                organization_id=org["id"],
                insurer_id=insurer_id(code),
                year=year,
                ceiling_reached=ceiling,
                reported_on=demo.day(rng.randint(3, 60)),
                updated_at=demo.moment(rng.randint(3, 60)),
            )


def build_treatment_capacity(demo: Demo) -> None:
    """Intake slots per week for some ggz treatments (HSDS 3.1 service_capacity)."""
    rng = demo.rng
    for svc in demo.services:
        if svc["kind"] != "treatment" or svc["wait_kind"] not in ("ggz_specialist", "ggz_basic"):
            continue
        if rng.random() > 0.4 or REPORT_LAG.get(svc["org_key"], 0) != 0:
            continue
        for sal in demo.sals[svc["id"]][:2]:
            maximum = rng.randint(2, 8)
            demo.add(
                ServiceCapacity,
                id=did("capacity", sal["id"]),
                service_id=svc["id"],
                service_at_location_id=sal["id"],
                unit_id=unit_id("intake_slots_week"),
                available=Decimal(rng.randint(0, maximum)),
                maximum=Decimal(maximum),
                description="Vrije intakeplekken per week",
                updated=demo.moment(rng.randint(0, 14)),
            )
