"""Demo support points (laagdrempelige steunpunten) with opening hours and monthly figures that show growth."""

from datetime import time, timedelta

from waitinfo.catalogue.details import SupportPoint, SupportPointMonth
from waitinfo.catalogue.models import Schedule
from waitinfo.core.clock import add_months
from waitinfo.demo.common import MONTHS, Demo, did
from waitinfo.demo.names import MUNI
from waitinfo.demo.organizations import add_location
from waitinfo.demo.services import ALL_MUNICIPALITIES, add_service, spec

# (org key, point key, type, municipality key or None for digital, name, opened months ago, needs)
# Months ago >= 24 means open before the 24-month window: 4 recovery centres grow to 7, 7 walk-ins to 14.
SUPPORT_POINTS = [
    (
        "herstelacademie",
        "hc-ens",
        "recovery_centre",
        "ens",
        "Zelfregie- en herstelcentrum Enschede",
        40,
        ["herstel", "eenzaamheid", "psychose"],
    ),
    (
        "ervaringskracht",
        "hc-alm",
        "recovery_centre",
        "alm",
        "Herstelcentrum De Kern Almelo",
        34,
        ["herstel", "angst", "somberheid"],
    ),
    ("anker", "hc-hen", "recovery_centre", "hen", "Zelfregiecentrum Hengelo", 30, ["herstel", "eenzaamheid"]),
    ("debrug", "hc-old", "recovery_centre", "old", "Zelfregiecentrum De Brug Oldenzaal", 52, ["herstel", "somberheid"]),
    (
        "ervaringskracht",
        "hc-hel",
        "recovery_centre",
        "hel",
        "Herstelcentrum Nijverdal",
        20,
        ["herstel", "angst", "eenzaamheid"],
    ),
    ("anker", "hc-haa", "recovery_centre", "haa", "Zelfregiecentrum Haaksbergen", 14, ["herstel", "somberheid"]),
    ("herstelkring", "hc-tub", "recovery_centre", "tub", "Herstelcentrum Tubbergen", 7, ["herstel", "eenzaamheid"]),
    ("weo", "wi-ens", "walk_in", "ens", "Inloophuis De Vonk Enschede", 46, ["eenzaamheid", "herstel", "stress"]),
    ("wasamen", "wi-alm", "walk_in", "alm", "Inloophuis Het Baken Almelo", 38, ["eenzaamheid", "angst", "stress"]),
    ("whc", "wi-hen", "walk_in", "hen", "Inloophuis Hengelo Centrum", 31, ["eenzaamheid", "somberheid"]),
    ("wnot", "wi-old", "walk_in", "old", "Inlooppunt Oldenzaal", 27, ["eenzaamheid", "herstel"]),
    ("wth", "wi-twe", "walk_in", "twe", "Inloophuis Vriezenveen", 44, ["eenzaamheid", "zingeving"]),
    ("whh", "wi-hvt", "walk_in", "hvt", "Inlooppunt Goor", 29, ["eenzaamheid", "stress"]),
    ("wrh", "wi-rh", "walk_in", "rh", "Inloophuis Rijssen", 36, ["eenzaamheid", "somberheid"]),
    ("wbw", "wi-bor", "walk_in", "bor", "Inlooppunt Borne", 22, ["eenzaamheid", "herstel"]),
    ("wbw", "wi-wie", "walk_in", "wie", "Inlooppunt Wierden", 18, ["eenzaamheid", "stress"]),
    ("wnot", "wi-din", "walk_in", "din", "Inlooppunt Denekamp", 16, ["eenzaamheid", "zingeving"]),
    ("wnot", "wi-los", "walk_in", "los", "Inlooppunt Losser", 12, ["eenzaamheid", "herstel"]),
    ("whh", "wi-haa", "walk_in", "haa", "Inloophuis Haaksbergen", 9, ["eenzaamheid", "somberheid"]),
    ("wth", "wi-hel", "walk_in", "hel", "Inloophuis Nijverdal", 6, ["eenzaamheid", "angst"]),
    ("wnot", "wi-tub", "walk_in", "tub", "Inlooppunt Tubbergen", 3, ["eenzaamheid", "herstel"]),
    (
        "herstelacademie",
        "rh-ens",
        "respite_house",
        "ens",
        "Respijthuis De Rustplaats Enschede",
        33,
        ["stress", "herstel", "crisis"],
    ),
    ("ervaringskracht", "rh-twe", "respite_house", "twe", "Respijthuis Vroomshoop", 11, ["stress", "herstel"]),
    ("wnot", "dk-din", "village_room", "din", "Dorpskamer Ootmarsum", 40, ["eenzaamheid", "zingeving"]),
    ("wnot", "dk-tub", "village_room", "tub", "Dorpskamer Albergen", 26, ["eenzaamheid", "mantelzorg"]),
    ("whh", "dk-hvt", "village_room", "hvt", "Dorpskamer Markelo", 15, ["eenzaamheid", "zingeving"]),
    ("wth", "dk-twe", "village_room", "twe", "Dorpskamer Den Ham", 30, ["eenzaamheid", "mantelzorg"]),
    ("wnot", "dk-los", "village_room", "los", "Dorpskamer De Lutte", 8, ["eenzaamheid", "zingeving"]),
    ("wth", "dk-hel", "village_room", "hel", "Dorpskamer Hellendoorn", 25, ["eenzaamheid", "mantelzorg"]),
    (
        "digiherstel",
        "dg-chat",
        "digital",
        None,
        "Digitaal steunpunt Twente (chat en beeldbellen)",
        28,
        ["herstel", "eenzaamheid", "angst"],
    ),
    ("herstelacademie", "dg-avond", "digital", None, "Online avondinloop", 10, ["herstel", "somberheid"]),
]

CHARACTERISTICS = {
    "recovery_centre": ["no_referral", "free", "open_all_twente", "peer_workers", "accessible"],
    "walk_in": ["no_referral", "free", "open_all_twente", "accessible"],
    "respite_house": ["no_referral", "open_all_twente", "peer_workers"],
    "village_room": ["no_referral", "free", "accessible"],
    "digital": ["no_referral", "free", "open_all_twente", "anonymous"],
}

# Weekly slots per type: (days, opens, closes); a second slot is added for some points.
SLOTS = {
    "recovery_centre": [("MO,TU,WE,TH,FR", time(10), time(16)), ("TH", time(18), time(21))],
    "walk_in": [("MO,WE,FR", time(10), time(15)), ("SA", time(11), time(14))],
    "respite_house": [("MO,TU,WE,TH,FR,SA,SU", time(9), time(21))],
    "village_room": [("TU,TH", time(9, 30), time(12)), ("WE", time(14), time(16, 30))],
    "digital": [("MO,TU,WE,TH,FR,SA,SU", time(19), time(23))],
}
DAY_NAMES = {"MO": "ma", "TU": "di", "WE": "wo", "TH": "do", "FR": "vr", "SA": "za", "SU": "zo"}
BASE_VISITORS = {"recovery_centre": 320, "walk_in": 180, "respite_house": 40, "village_room": 70, "digital": 260}


def days_text(byday: str) -> str:
    days = byday.split(",")
    if len(days) >= 5 and days == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][: len(days)]:
        return f"{DAY_NAMES[days[0]]} t/m {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def slot_text(byday: str, opens: time, closes: time) -> str:
    return f"{days_text(byday)} {opens:%H.%M}-{closes:%H.%M} uur"


def slot_hours(byday: str, opens: time, closes: time) -> float:
    return len(byday.split(",")) * ((closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)) / 60


def build_support_points(demo: Demo) -> None:
    rng = demo.rng
    orgs = {o["key"]: o for o in demo.orgs}
    for org_key, key, point_type, mkey, name, opened_ago, needs in SUPPORT_POINTS:
        org = orgs[org_key]
        code = MUNI[mkey] if mkey else None
        loc = add_location(demo, org, key, name, code)
        s = spec(
            key,
            name,
            "support_point",
            "social",
            "none",
            needs,
            False,
            "voluntary" if point_type == "respite_house" else "free",
            "support_point",
            online=point_type == "digital",
            while_waiting=True,
            description=f"{name}: een laagdrempelige plek om binnen te lopen, mensen te ontmoeten en steun te "
            "vinden, met ervaringsdeskundigen en vrijwilligers. Fictief steunpunt.",
        )
        svc = add_service(demo, org, s, [loc], ALL_MUNICIPALITIES)
        sal = demo.sals[svc["id"]][0]
        slots = SLOTS[point_type][:1] if rng.random() < 0.4 else SLOTS[point_type]
        for i, (byday, opens, closes) in enumerate(slots):
            demo.add(
                Schedule,
                id=did("schedule", key, i),
                service_id=svc["id"],
                service_at_location_id=sal["id"],
                location_id=None,
                freq="WEEKLY",
                byday=byday,
                opens_at=opens,
                closes_at=closes,
                valid_from=None,
                valid_to=None,
                description="",
                updated_at=demo.moment(30),
            )
        hours_now = sum(slot_hours(*slot) for slot in slots)
        opened_on = add_months(demo.newest, -opened_ago) + timedelta(days=rng.randint(0, 20))
        if opened_on > demo.today:
            opened_on = demo.newest
        characteristics = list(CHARACTERISTICS[point_type])
        if point_type == "walk_in" and rng.random() < 0.5:
            characteristics.append("peer_workers")
        if point_type in ("walk_in", "recovery_centre") and rng.random() < 0.3:
            characteristics.append("anonymous")
        visitors = monthly_figures(demo, svc["id"], point_type, opened_ago, hours_now)
        demo.add(
            SupportPoint,
            service_id=svc["id"],
            point_type=point_type,
            characteristics=characteristics,
            visitors_per_month=visitors,
            opened_on=opened_on,
            closed_on=None,
            opening_hours_text="; ".join(slot_text(*slot) for slot in slots),
            updated_at=demo.moment(rng.randint(2, 25)),
        )


def monthly_figures(demo: Demo, service_id, point_type: str, opened_ago: int, hours_now: float) -> int:
    """SupportPointMonth rows for every month of the window the point was open; returns the newest visitors."""
    rng = demo.rng
    base = BASE_VISITORS[point_type] * rng.uniform(0.7, 1.3)
    # Longer opening hours came in steps during the programme (KPI 38).
    extension_at = rng.randint(4, 18)
    newest = 0
    for offset in range(MONTHS - 1, -1, -1):
        if offset > opened_ago:
            continue
        age = opened_ago - offset  # months since opening
        ramp = min(1.0, 0.3 + 0.06 * age)  # a new point takes about a year to find its visitors
        growth = 1 + 0.015 * (MONTHS - 1 - offset)
        visitors = max(0, round(base * ramp * growth * rng.uniform(0.9, 1.1)))
        hours = hours_now if offset <= extension_at else round(hours_now * 0.75, 1)
        demo.add(
            SupportPointMonth, service_id=service_id, month=demo.month(offset), visitors=visitors, hours_per_week=hours
        )
        newest = visitors
    return newest
