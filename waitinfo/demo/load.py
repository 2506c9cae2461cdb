"""Load the demo catalogue: deterministic, idempotent and fast (bulk inserts in one transaction)."""

from sqlmodel import Session

from waitinfo.catalogue.details import GroupOffer, SupportPoint
from waitinfo.catalogue.models import Location, Organization, Service
from waitinfo.core import clock
from waitinfo.demo.common import MONTHS, Demo
from waitinfo.demo.groups import build_group_offers
from waitinfo.demo.organizations import build_organizations, demo_org_ids
from waitinfo.demo.services import build_services
from waitinfo.demo.store import store
from waitinfo.demo.support import build_support_points
from waitinfo.demo.waits import build_contracts, build_intake_stops, build_treatment_capacity, build_waits
from waitinfo.waits.models import WaitTime

MONTH_NAMES = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def load_demo(session: Session, scale: str = "twente", progress: bool = False) -> str:
    """Bring the demo catalogue to exactly the generated one; returns a short Dutch summary.

    Idempotent: demo rows have stable ids and are upserted; rows below the demo organisations that the
    generator no longer makes are removed. Rows of other organisations are never touched. The caller commits.
    """
    if scale == "national":
        from waitinfo.demo.national import load_national

        return load_national(session, progress)
    if scale != "twente":
        raise ValueError(f"Onbekende schaal {scale!r}: kies twente of national.")
    from waitinfo.accounts.demo_users import create_demo_users  # fictional demo logins (accounts domain)
    from waitinfo.core.progress import Stages
    from waitinfo.demo.contacts import load_contacts  # youth team and huisartsenpost per municipality
    from waitinfo.demo.meetings import load_meetings  # transfer-table meetings on top of the catalogue
    from waitinfo.demo.store import TABLES

    with Stages(progress) as bar:
        done = bar.spinner("demo genereren")
        demo = generate(clock.today())
        done()
        store(session, demo.rows, demo_org_ids(), bar.tracker("demo opslaan", len(TABLES) + 1))
        session.expire_all()
        create_demo_users(session)
        load_meetings(session, demo.today)
        load_contacts(session, demo.today)
    return summary(demo)


def generate(today) -> Demo:
    """The whole catalogue as rows per table, without touching the database."""
    demo = Demo(today=today)
    build_organizations(demo)
    build_services(demo)
    build_support_points(demo)
    build_group_offers(demo)
    build_waits(demo)
    build_intake_stops(demo)
    build_contracts(demo)
    build_treatment_capacity(demo)
    return demo


def summary(demo: Demo) -> str:
    rows = demo.rows
    first, last = demo.month(MONTHS - 1), demo.newest
    return (
        f"Demogegevens geladen: {len(rows[Organization])} aanbieders, {len(rows[Location])} vestigingen, "
        f"{len(rows[Service])} aanbod, {len(rows[SupportPoint])} steunpunten, {len(rows[GroupOffer])} "
        f"groepsaanbod, {len(rows[WaitTime])} wachttijdcijfers over {MONTHS} maanden "
        f"({MONTH_NAMES[first.month - 1]} {first.year} t/m {MONTH_NAMES[last.month - 1]} {last.year})."
    )
