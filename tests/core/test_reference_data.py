"""Reference data shipped in the project and loaded by migration."""

from sqlalchemy import text


def test_fourteen_municipalities_with_population(db):
    rows = db.execute(text("select code, name, population from municipality order by code")).all()
    assert len(rows) == 14
    assert sum(r.population for r in rows) == 643_153  # see shared/README: rows add up to 643.153
    assert ("GM0153", "Enschede", 162_317) in [tuple(r) for r in rows]


def test_default_subregions(db):
    rows = dict(
        db.execute(text("select m.name, s.code from municipality m join subregion s on s.id = m.subregion_id")).all()
    )
    assert len(rows) == 14
    assert rows["Hof van Twente"] == "almelo"
    assert rows["Dinkelland"] == "enschede-hengelo"


def test_places_resolve_to_municipalities(db):
    goor = db.execute(
        text("select m.name from place p join municipality m on m.code = p.municipality_code where p.name = 'Goor'")
    ).scalar()
    assert goor == "Hof van Twente"


def test_taxonomies(db):
    counts = dict(
        db.execute(
            text(
                "select t.code, count(*) from taxonomy_term tt join taxonomy t on t.id = tt.taxonomy_id group by t.code"
            )
        ).all()
    )
    assert counts["needs"] == 18
    assert counts["diagnosis_groups"] == 21  # all DSM-5 main groups Vektis uses since 2022 + "nog niet gesteld"
    assert counts["waitinfo_wait"] >= 5
