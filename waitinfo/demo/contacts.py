"""Demo contacts per municipality: a fictional youth team and huisartsenpost for each of the 14 Twente
municipalities (names end in "(fictief)", numbers in the demo's 088-0000xxx range above the organisations' and
websites under .example), so the search page and the handout can show them. Never real numbers."""

from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.demo.organizations import slugify
from waitinfo.demo.store import upsert
from waitinfo.reference.models import Municipality, MunicipalityContact

YOUTH_BASE, GP_POST_BASE = 200, 300  # 088-0000201..214 and 088-0000301..314; organisations use 000..099


def contact_rows(municipalities: list[tuple[str, str]], today: date) -> list[dict]:
    """Two rows per municipality (code, name), in name order; the same rows on every run of a day."""
    stamp = datetime.combine(today, time(6), tzinfo=UTC)
    rows = []
    for i, (code, name) in enumerate(sorted(municipalities, key=lambda m: m[1]), start=1):
        slug = slugify(name)
        common = {"municipality_code": code, "note": "Fictief contact voor de demonstratie.", "updated_at": stamp}
        rows.append(
            {
                **common,
                "kind": "youth_team",
                "name": f"Jeugdteam {name} (fictief)",
                "phone": f"088-0000{YOUTH_BASE + i:03d}",
                "url": f"https://www.jeugdteam-{slug}.example",
                "updated_by": "demo",
            }
        )
        rows.append(
            {
                **common,
                "kind": "gp_post",
                "name": f"Huisartsenpost {name} (fictief)",
                "phone": f"088-0000{GP_POST_BASE + i:03d}",
                "url": f"https://www.huisartsenpost-{slug}.example",
                "updated_by": "demo",
            }
        )
    return rows


def load_contacts(session: Session, today: date) -> int:
    """Upsert the demo contacts (idempotent: unchanged rows are left alone); returns how many there are."""
    munis = [(m.code, m.name) for m in session.execute(select(Municipality)).scalars()]
    rows = contact_rows(munis, today)
    upsert(session, MunicipalityContact, rows)
    return len(rows)
