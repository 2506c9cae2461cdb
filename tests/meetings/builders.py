"""Fixture data for the meeting tests: one provider in Almelo whose waits change between three meetings."""

from datetime import date

from sqlmodel import select

from tests import factories as f
from waitinfo.meetings.models import Meeting
from waitinfo.reference.models import Subregion

MEETING_DAYS = [date(2026, 9, 15), date(2026, 10, 15), date(2026, 11, 15)]
# Per meeting: the month's figures per diagnosis group (registration, treatment, waiting).
FIGURES = [
    {"angst": (8, 12, 10), "depressie": (5, 11, 4), "trauma": (2, 6, 3)},
    {"angst": (7, 11, 10), "depressie": (5, 12, 4), "trauma": (6, 12, 5)},
    {"angst": (3, 8, 9), "depressie": (5, 12, 4), "trauma": (6, 14, 5)},
]


class World:
    pass


def build(db) -> World:
    w = World()
    w.org = f.organization(db, "GGZ Vechtdal (fictief)", kind="specialist_ggz", website="https://www.vechtdal.example")
    w.other = f.organization(db, "Welzijn Noord (fictief)", kind="social_work", email="info@welzijn-noord.example")
    loc = f.location(db, w.org, "GM0141")  # Almelo
    svc = f.service(db, w.org, "Behandeling", wait_kind="ggz_specialist")
    w.sal = f.at_location(db, svc, loc)
    w.sub = db.exec(select(Subregion).where(Subregion.code == "almelo")).one()
    w.meetings = []
    for day in MEETING_DAYS:
        m = Meeting(subregion_id=w.sub.id, held_on=day)
        db.add(m)
        w.meetings.append(m)
    db.flush()
    return w


def add_month(db, w: World, k: int) -> None:
    """The figures of the month of meeting k (reported on the 10th)."""
    month = MEETING_DAYS[k].replace(day=1)
    for diag, (reg, treat, waiting) in FIGURES[k].items():
        f.wait(
            db, w.sal, month, reg, treat, diagnosis=diag, waiting_count=waiting, reference_date=month.replace(day=10)
        )
