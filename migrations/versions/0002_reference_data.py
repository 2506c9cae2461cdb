"""reference data: municipalities, places, subregions, taxonomies, insurers, units

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from waitinfo.reference import data
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY, WAIT_TAXONOMY, stable_uuid

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TAXONOMIES = [
    (NEEDS_TAXONOMY, "Hulpvragen Twente", "Hulpvragen waarop verwijzers zoeken (regionale indeling)."),
    (
        DIAGNOSIS_TAXONOMY,
        "Hoofddiagnosegroepen ggz",
        "Hoofddiagnosegroepen zoals ggz-aanbieders wachttijden rapporteren (NZa-transparantieregels).",
    ),
    (
        WAIT_TAXONOMY,
        "Wachttijdgegevens waitinfo",
        "Eigen taxonomie van waitinfo waaronder wachttijden als HSDS-attributen worden gepubliceerd.",
    ),
]


def upgrade() -> None:
    conn = op.get_bind()
    for code, (name, members) in data.SUBREGIONS.items():
        conn.execute(
            sa.text("insert into subregion (id, code, name) values (:id, :code, :name)"),
            {"id": stable_uuid("subregion", code), "code": code, "name": name},
        )
    subregion_of = {m: stable_uuid("subregion", code) for code, (_, ms) in data.SUBREGIONS.items() for m in ms}
    for m in data.municipalities():
        conn.execute(
            sa.text(
                "insert into municipality (code, name, population, latitude, longitude, subregion_id) "
                "values (:code, :name, :pop, :lat, :lon, :sub)"
            ),
            {
                "code": m["cbs_code"],
                "name": m["name"],
                "pop": int(m["population_2025_01_01"]),
                "lat": float(m["lat"]),
                "lon": float(m["lon"]),
                "sub": subregion_of.get(m["name"]),
            },
        )
    for p in data.places():
        conn.execute(
            sa.text("insert into place (name, municipality_code) values (:n, :c)"),
            {"n": p["place"], "c": p["cbs_code"]},
        )
    for code, name, description in TAXONOMIES:
        conn.execute(
            sa.text(
                "insert into taxonomy (id, code, name, description, version, updated_at) "
                "values (:id, :code, :name, :d, '1', now())"
            ),
            {"id": stable_uuid("taxonomy", code), "code": code, "name": name, "d": description},
        )
    term_sql = sa.text(
        "insert into taxonomy_term (id, taxonomy_id, code, name, name_en, description, usual_domain, updated_at) "
        "values (:id, :tax, :code, :name, :en, :d, :dom, now())"
    )
    for n in data.needs():
        conn.execute(
            term_sql,
            {
                "id": stable_uuid("term", NEEDS_TAXONOMY, n["code"]),
                "tax": stable_uuid("taxonomy", NEEDS_TAXONOMY),
                "code": n["code"],
                "name": n["name_nl"],
                "en": n["name_en"],
                "d": "",
                "dom": n["usual_domain"],
            },
        )
    for g in data.diagnosis_groups():
        conn.execute(
            term_sql,
            {
                "id": stable_uuid("term", DIAGNOSIS_TAXONOMY, g["code"]),
                "tax": stable_uuid("taxonomy", DIAGNOSIS_TAXONOMY),
                "code": g["code"],
                "name": g["name_nl"],
                "en": g["name_en"],
                "d": "",
                "dom": "ggz",
            },
        )
    for code, name, description in data.WAIT_TERMS:
        conn.execute(
            term_sql,
            {
                "id": stable_uuid("term", WAIT_TAXONOMY, code),
                "tax": stable_uuid("taxonomy", WAIT_TAXONOMY),
                "code": code,
                "name": name,
                "en": None,
                "d": description,
                "dom": None,
            },
        )
    for code, name in data.INSURERS:
        conn.execute(
            sa.text("insert into insurer (id, code, name) values (:id, :c, :n)"),
            {"id": stable_uuid("insurer", code), "c": code, "n": name},
        )
    for code, name in data.CAPACITY_UNITS:
        conn.execute(
            sa.text("insert into capacity_unit (id, code, name, scheme) values (:id, :c, :n, 'waitinfo')"),
            {"id": stable_uuid("unit", code), "c": code, "n": name},
        )


def downgrade() -> None:
    for table in ("capacity_unit", "insurer", "taxonomy_term", "taxonomy", "place", "municipality", "subregion"):
        op.execute(f"delete from {table}")
