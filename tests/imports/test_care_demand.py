"""Zorgvraagtypering: the number read from how files write it, and the service it links a row to (or proposes)
when the file names no service. Per row of the practice fixture: what is stored, what is held (with what
proposal), and that a link confirmed once links the next file by itself."""

from datetime import date

import pytest
from sqlmodel import select

from tests.imports.helpers import D, rows
from tests.imports.practice_regge import REGGE_FILE, regge
from waitinfo.imports.care_demand import DEMAND_TYPES, demand_key, parse_demand
from waitinfo.imports.held import link_key, remembered_link
from waitinfo.imports.held_proposals import link_proposals, proposals
from waitinfo.imports.models import HeldWaitRow
from waitinfo.imports.service import run_import
from waitinfo.imports.wait_links import Links

OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        (3, 3),
        (11.0, 11),
        ("ZVT 3", 3),
        ("ZVT-03", 3),
        ("zvt11", 11),
        ("zorgvraagtype 11", 11),
        ("Zorgvraagtype 11: terugkerende psychose", 11),
        ("Zorgvraagtypering 21", 21),
        ("Kort", None),  # a practice's own words: kept as text
        ("1-8", None),  # a range is no type
        ("9", None),  # there is no type 9
        ("0", None),
        ("22", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_demand(text, number):
    assert parse_demand(text) == number


def test_every_type_is_in_the_table_once_and_spellings_share_a_key():
    assert sorted(DEMAND_TYPES) == [*range(1, 9), *range(10, 22)]
    assert {DEMAND_TYPES[n].needs for n in range(10, 18)} >= {("psychose",)}
    assert all(DEMAND_TYPES[n].elderly for n in range(18, 22))
    assert all(not DEMAND_TYPES[n].needs for n in range(1, 9))  # non-psychotic: no narrowing by need
    assert {demand_key(t) for t in ("ZVT 2", "2", "zorgvraagtype 2", "zvt02")} == {"zvt2"}
    assert demand_key(" Kort ") == "kort"


def _svc(demand, name=None, wait_kind="ggz_specialist"):
    return {"name": name, "wait_kind": wait_kind, "demand": demand}


def test_links_by_zorgvraagtype_and_proposals(db):
    w = regge(db)
    links = Links(db, w.org.id)
    psychosis = links.service(w.hengelo.id, _svc("ZVT 11"), None)
    assert psychosis == (w.psychosis.id, "op grond van zorgvraagtype 11: psychotische problematiek")
    elderly = links.service(w.borne.id, _svc("zvt19"), None)
    assert elderly == (w.elderly.id, "op grond van zorgvraagtype 19: cognitieve problematiek bij ouderen")
    # ZVT 2 at Oldenzaal: both services fit (no need, no echelon): not linked, the basic one proposed
    assert links.service(w.oldenzaal.id, _svc("ZVT 2"), None) is None
    assert links.propose(w.oldenzaal.id, _svc("ZVT 2"), None) == (
        w.basic.id,
        "op grond van zorgvraagtype 2: lichte niet-psychotische problematiek",
    )
    # ZVT 5 (severe): the specialist one is proposed; ZVT 3 (moderate) and unknown text: no proposal (a tie)
    assert links.propose(w.oldenzaal.id, _svc("5"), None)[0] == w.specialist.id
    assert links.propose(w.oldenzaal.id, _svc("3"), None) is None
    assert links.propose(w.oldenzaal.id, _svc("Kort"), None) is None
    # an echelon in the file narrows by wait kind first: GBGGZ links the basic service outright
    assert links.service(w.oldenzaal.id, _svc("ZVT 2", "GBGGZ", "ggz_basic"), None) == (
        w.basic.id,
        "het enige passende aanbod op deze vestiging",
    )


def test_proposal_by_diagnosis_group_among_several_that_treat_it(db):
    w = regge(db)
    anxiety = rows(db, "select t.id from taxonomy_term t where t.code = 'angst' and t.name = 'Angststoornissen'")[0][0]
    links = Links(db, w.org.id)
    # both Oldenzaal services treat anxiety: not linked; the one with fewer other needs is proposed
    assert links.service(w.oldenzaal.id, _svc(None), anxiety) is None
    assert links.propose(w.oldenzaal.id, _svc(None), anxiety) == (
        w.specialist.id,
        "op grond van diagnosegroep Angststoornissen",
    )


def test_practice_file_links_holds_with_proposal_and_remembers(db):
    w = regge(db)
    report = run_import(db, organization_name_or_id=w.org.slug, raw=REGGE_FILE.read_bytes(), source="regge.csv")
    assert report.status == "applied", report
    stored = """select l.name, s.name, w.month, w.registration_weeks, w.treatment_weeks from wait_time w
        join service_at_location sal on sal.id = w.service_at_location_id join location l on l.id = sal.location_id
        join service s on s.id = sal.service_id where s.organization_id = :o order by 1, 2, 3"""
    assert rows(db, stored, o=w.org.id) == [
        ("Regge Borne", "Ouderenpsychiatrie", OCT, D(8), D(10)),  # zvt19 -> the 65+ service
        ("Regge Hengelo", "Psychosezorg", OCT, D(6), D(12)),  # ZVT 11 -> psychosis
        ("Regge Hengelo", "Psychosezorg", NOV, D(7), D(13)),  # "Zorgvraagtype 11: ..." -> psychosis
    ]
    linked = [(line, m) for line, m in ((c.line, c.message) for c in report.changes) if m.startswith("Gekoppeld")]
    assert linked == [
        (
            2,
            "Gekoppeld aan aanbod 'Psychosezorg' op vestiging 'Regge Hengelo' (op grond van zorgvraagtype 11: "
            "psychotische problematiek).",
        ),  # fmt: skip
        (
            6,
            "Gekoppeld aan aanbod 'Ouderenpsychiatrie' op vestiging 'Regge Borne' (op grond van zorgvraagtype 19: "
            "cognitieve problematiek bij ouderen).",
        ),  # fmt: skip
    ]
    notes = {c.line: c.message for c in report.warnings if c.message.startswith("Koppel deze regel")}
    assert sorted(notes) == [4, 5, 7]
    assert notes[4].endswith(
        "Voorstel: 'Basis-ggz Oldenzaal' (op grond van zorgvraagtype 2: lichte niet-psychotische problematiek)."
    )
    assert "Voorstel" not in notes[7]  # "Kort": kept as text, no proposal
    held = rows(db, "select line, label, month from held_wait_row where organization_id = :o order by line", o=w.org.id)
    assert held == [
        (4, "Regge Oldenzaal · zorgvraagtypering ZVT 2", OCT),
        (5, "Regge Oldenzaal · zorgvraagtypering zorgvraagtype 2", NOV),
        (7, "Regge Hengelo · zorgvraagtypering Kort", OCT),
    ]
    held_rows = list(db.exec(select(HeldWaitRow).order_by(HeldWaitRow.line)).all())
    assert {h.line: p.service_id for h in held_rows if (p := proposals(db, held_rows).get(h.id))} == {
        4: w.basic.id,
        5: w.basic.id,
    }
    assert link_proposals(db, held_rows, actor="user:test") == (2, 0)
    assert rows(db, "select line from held_wait_row where organization_id = :o", o=w.org.id) == [(7,)]
    assert [r for r in rows(db, stored, o=w.org.id) if r[1] == "Basis-ggz Oldenzaal"] == [
        ("Regge Oldenzaal", "Basis-ggz Oldenzaal", OCT, D(3), D(5)),
        ("Regge Oldenzaal", "Basis-ggz Oldenzaal", NOV, D(4), D(6)),
    ]
    # both spellings of ZVT 2 were confirmed under one remembered link
    assert rows(db, "select header, field from column_mapping where kind = 'service-link'") == [
        (link_key(w.oldenzaal.id, None, "zvt 2"), str(w.basic.id))
    ]
    # a later file: the ZVT 2 rows go to the confirmed service by themselves, and say so (once per service)
    december = REGGE_FILE.read_bytes().replace(b"15-11-2026", b"15-12-2026").replace(b";4;6;", b";9;11;")
    again = run_import(db, organization_name_or_id=w.org.slug, raw=december, source="regge-dec.csv")
    assert again.status == "applied", again
    assert (
        4,
        "Gekoppeld aan aanbod 'Basis-ggz Oldenzaal' op vestiging 'Regge Oldenzaal' (eerder bevestigd).",
    ) in [(c.line, c.message) for c in again.changes]
    assert [r for r in rows(db, stored, o=w.org.id) if r[1] == "Basis-ggz Oldenzaal"][-1] == (
        "Regge Oldenzaal",
        "Basis-ggz Oldenzaal",
        date(2026, 12, 1),
        D(9),
        D(11),
    )
    assert rows(db, "select line from held_wait_row where organization_id = :o", o=w.org.id) == [(7,)]


def test_a_link_remembered_under_the_old_key_still_counts(db):
    w = regge(db)
    old = {f"{w.oldenzaal.id}::zvt 2": w.basic.id}  # written before zorgvraagtypes were read
    assert remembered_link(old, w.oldenzaal.id, None, "ZVT 2") == w.basic.id
    assert remembered_link(old, w.oldenzaal.id, None, "ZVT 3") is None


def test_dry_run_says_the_ground_and_the_proposal_and_keeps_nothing(db):
    w = regge(db)
    report = run_import(
        db, organization_name_or_id=w.org.slug, raw=REGGE_FILE.read_bytes(), source="regge.csv", dry_run=True
    )
    changes = [(c.line, c.message) for c in report.changes]
    assert (
        2,
        "Gekoppeld aan aanbod 'Psychosezorg' op vestiging 'Regge Hengelo' (op grond van zorgvraagtype 11: "
        "psychotische problematiek).",
    ) in changes
    assert any(c.line == 5 and "Voorstel: 'Basis-ggz Oldenzaal'" in c.message for c in report.warnings)
    assert rows(db, "select count(*) from held_wait_row") == [(0,)]
    assert rows(db, "select count(*) from wait_time") == [(0,)]
