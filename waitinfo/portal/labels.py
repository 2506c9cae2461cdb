"""Dutch labels for the choices in portal forms (service kinds and costs shared with search)."""

from waitinfo.search.display import COST_LABELS, KIND_LABELS
from waitinfo.waits.treeknorm import WAIT_KIND_LABELS

ORGANIZATION_KIND_LABELS = {
    "specialist_ggz": "specialistische ggz",
    "basic_ggz": "basis-ggz",
    "independent_practice": "vrijgevestigde praktijk",
    "addiction_care": "verslavingszorg",
    "social_work": "maatschappelijk werk",
    "welfare": "welzijn",
    "peer_recovery": "ervaringsdeskundigheid en herstel",
    "municipality": "gemeente",
    "paramedical": "paramedisch",
    "gp_care": "huisartsenzorg",
}

LABELS = {"kind": KIND_LABELS, "cost": COST_LABELS, "wait_kind": WAIT_KIND_LABELS, "org_kind": ORGANIZATION_KIND_LABELS}
