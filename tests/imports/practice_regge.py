"""A fictional specialist provider whose practice file names only a location and a zorgvraagtypering
(tests/fixtures/provider_files/practice_zvt_regge.csv), shared by the import and portal tests."""

from pathlib import Path
from types import SimpleNamespace

from tests import factories

REGGE_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "provider_files" / "practice_zvt_regge.csv"


def regge(db, name: str = "GGZ Regge (fictief)"):
    """Hengelo: a psychosis service and a specialist one; Oldenzaal: a basic and the specialist one (both fit a
    ZVT 2 row without echelon); Borne: older people's psychiatry (65+) and the specialist one."""
    org = factories.organization(db, name, kind="specialist_ggz")
    w = SimpleNamespace(org=org)
    w.hengelo = factories.location(db, org, "GM0164", name="Regge Hengelo", postal_code="7551 AB")
    w.oldenzaal = factories.location(db, org, "GM0173", name="Regge Oldenzaal", postal_code="7571 CD")
    w.borne = factories.location(db, org, "GM0147", name="Regge Borne", postal_code="7622 AB")
    w.psychosis = factories.service(db, org, "Psychosezorg", needs=("psychose",), wait_kind="ggz_specialist")
    w.specialist = factories.service(
        db, org, "Specialistische behandeling", needs=("angst", "somberheid"), wait_kind="ggz_specialist"
    )
    w.basic = factories.service(
        db, org, "Basis-ggz Oldenzaal", needs=("angst", "somberheid", "stress"), wait_kind="ggz_basic"
    )
    w.elderly = factories.service(
        db, org, "Ouderenpsychiatrie", needs=("somberheid",), wait_kind="ggz_specialist", minimum_age=65
    )
    for svc, loc in (
        (w.psychosis, w.hengelo),
        (w.specialist, w.hengelo),
        (w.basic, w.oldenzaal),
        (w.specialist, w.oldenzaal),
        (w.elderly, w.borne),
        (w.specialist, w.borne),
    ):
        factories.at_location(db, svc, loc)
    return w
