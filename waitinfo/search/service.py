"""Ranking rules of the referrer search (no HTTP, no SQL execution): weights, groups, alternatives, resolution.

Order of results: first everything that can be ranked as available (no intake stop, figure less than three
delivery cycles behind or no wait applicable), then offers whose figure is too old or missing ("verouderd" /
"geen gegevens": shown, never as zero, never ranked on a guess), and last offers with an active intake stop. Within
the first group incomplete figures (a part unknown) come after the complete ones. Within a group a lower score
ranks higher; the score adds up fit to the need, distance, wait and freshness (weights below). Verdict, wait and
freshness are the shared rules of waitinfo.waits.rules, generated into the SQL.
"""

import math
import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import TaxonomyTerm
from waitinfo.core.clock import now
from waitinfo.geo.service import geocode_address, municipality_by_code_or_name
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY, stable_uuid
from waitinfo.search import reference
from waitinfo.search.schemas import DOMAINS, Origin, ResolvedQuery, SearchParams
from waitinfo.waits.models import Insurer

TZ = ZoneInfo("Europe/Amsterdam")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CBS_CODE = re.compile(r"(?i)gm\d{4}")  # as waitinfo.geo.service.municipality_by_code_or_name reads a code

# Score weights (lower score ranks higher).
KM_PER_POINT = 3.0  # 3 km further costs one point
WEEKS_PER_POINT = 4.0  # four weeks longer wait costs one point
OVER_NORM_PENALTY = 3.0  # a wait over the (Treeknorm or regional) norm
STALE_PENALTY = 2.0  # figure behind the delivery cycle (rules.figure_freshness: stale)
DOMAIN_MISMATCH_PENALTY = 3.0  # a social offer for a ggz need, or the other way round
BROAD_OFFER_PENALTY = 0.4  # per extra need a service claims (specialised offers fit better), at most 2 points
KIND_MISMATCH_PENALTY = 4.0  # for a ggz need: offer that is not treatment, consultation or crisis help
FULL_GROUP_PENALTY = 4.0  # a group offer without free places (and no rolling intake)
PRACTICE_BOUND_PENALTY = 3.0  # one GP practice's own offer (its POH-ggz): most people cannot use it
UNKNOWN_DISTANCE_KM = 15.0  # no coordinates (virtual location): treated as this far
ONLINE_DISTANCE_KM = 5.0  # virtual location of an online offer

# Which diagnosis groups (NZa reporting) belong to a need, so a specialist ggz figure per group can be matched.
NEED_DIAGNOSIS = {
    "angst": ("angst", "ocd"),
    "somberheid": ("depressie", "bipolair"),
    "trauma": ("trauma",),
    "verslaving": ("verslaving",),
    "psychose": ("psychose",),
    "eetproblemen": ("eetstoornis",),
    "persoonlijkheid": ("persoonlijkheid",),
    "adhd-autisme": ("adhd", "autisme"),
    "stress": ("overig",),
}

# Support points (open to every resident of the region) count for a place when one of their locations lies
# within this distance of it; other offer counts where its service area or one of its locations is.
NEARBY_KM = 30.0


def bounding_box(lat: float, lon: float, km: float) -> dict:
    """A lat/lon box around a point (for an index range scan before the exact distance)."""
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.2, math.cos(math.radians(lat))))
    return {"lat_min": lat - dlat, "lat_max": lat + dlat, "lon_min": lon - dlon, "lon_max": lon + dlon}


GGZ_CARE_KINDS = ("treatment", "consultation", "crisis")

# Alternatives beyond ggz: offer kinds that help without a ggz wait.
ALTERNATIVE_KINDS = ("support_point", "group_offer", "peer_support", "ehealth")


def show_alternatives(ggz_within: int, ggz_over: int) -> bool:
    """Alternatives beyond ggz come into view when at least half of the current ggz figures exceed the norm."""
    return ggz_over > 0 and ggz_over >= ggz_within


ALTERNATIVES_SHOWN = 3


def split_alternatives(found: list) -> tuple[list, list]:
    """Beyond ggz (social domain, support points, group offers...) and help while waiting, each at most
    ALTERNATIVES_SHOWN, no offer twice; ggz offer only counts as help while waiting."""
    beyond = [r for r in found if r.domain == "social" or r.kind in ("support_point", "group_offer")]
    beyond = sorted(beyond, key=lambda r: (r.domain != "social", 50 if r.distance_km is None else r.distance_km))
    beyond = beyond[:ALTERNATIVES_SHOWN]
    shown = {r.service_id for r in beyond}
    waiting = [r for r in found if r.suitable_while_waiting and r.service_id not in shown][:ALTERNATIVES_SHOWN]
    return beyond, waiting


@lru_cache(maxsize=256)
def _need_id(code: str):
    """The stable id of a need code (a uuid5 costs ~10 µs; typed codes are user input, so the cache is bounded)."""
    return stable_uuid("term", NEEDS_TAXONOMY, code)


@lru_cache(maxsize=64)
def _diagnosis_ids(need_code: str) -> tuple:
    return tuple(stable_uuid("term", DIAGNOSIS_TAXONOMY, c) for c in NEED_DIAGNOSIS.get(need_code, ()))


def need_diagnosis_ids(need_code: str) -> tuple:
    """The diagnosis groups of a need, in order of preference (the first is the need's own)."""
    return _diagnosis_ids(need_code)


def resolve(session: Session, params: SearchParams, moment: datetime | None = None) -> ResolvedQuery:
    """Turn what the user typed into ids and a point; problems become Dutch messages per field."""
    moment = (moment or now()).astimezone(TZ)
    q = ResolvedQuery(params=params, today=moment.date(), page=params.pagina)
    q.domain = DOMAINS[params.domein]
    if params.nu_open:
        q.open_day, q.open_time = DAY_CODES[moment.weekday()], moment.time().replace(microsecond=0)
    ref = reference.get(session)
    if params.hulpvraag:
        need_id = _need_id(params.hulpvraag.strip())
        need = ref.need_by_id.get(need_id) or session.get(TaxonomyTerm, need_id)
        if need is None:
            q.errors["hulpvraag"] = (
                f"De hulpvraag “{params.hulpvraag}” kennen we niet. Kies een hulpvraag uit de lijst."
            )
        else:
            q.need_id, q.need_name, q.need_usual_domain = need.id, need.name, need.usual_domain
            q.need_code = need.code
            q.diagnosis_ids = list(_diagnosis_ids(need.code))
    if params.verzekeraar:
        insurer = (
            ref.insurer_by_code.get(params.verzekeraar.strip())
            or session.execute(select(Insurer).where(Insurer.code == params.verzekeraar.strip())).scalars().first()
        )
        if insurer is None:
            q.errors["verzekeraar"] = (
                f"De zorgverzekeraar “{params.verzekeraar}” kennen we niet. Kies er een uit de lijst."
            )
        else:
            q.insurer_id, q.insurer_name = insurer.id, insurer.name
    if params.postcode and params.postcode.strip():
        geo = geocode_address(session, params.postcode)
        q.geo = geo
        if geo.found:
            q.origin = Origin(
                geo.label,
                geo.municipality_code,
                geo.municipality_name,
                geo.latitude,
                geo.longitude,
                "postcode" if geo.source in ("pdok", "cache", "pc4") else "place",
            )
        else:
            q.errors["postcode"] = geo.message
    if q.origin is None and params.gemeente and params.gemeente.strip():
        typed = params.gemeente.strip()
        muni = (
            ref.municipality_by_code.get(typed.upper()) if CBS_CODE.fullmatch(typed) else None
        ) or municipality_by_code_or_name(session, params.gemeente)
        if muni is None:
            q.errors["gemeente"] = (
                f"De gemeente “{params.gemeente}” ligt niet in Twente of bestaat niet. Kies een "
                "van de 14 Twentse gemeenten."
            )
        else:
            q.origin = Origin(
                f"het centrum van {muni.name}", muni.code, muni.name, muni.latitude, muni.longitude, "municipality"
            )
    return q


def needs_and_places(session: Session) -> dict:
    """Choices for the search form: needs, municipalities and insurers (reference data, cached: see reference).
    `version` names this load of the lists (the page caches its rendered municipality list under it)."""
    ref = reference.get(session)
    return {
        "needs": ref.needs,
        "municipalities": ref.municipalities,
        "insurers": ref.insurers,
        "version": ref.version,
    }


def municipality_code(session: Session, typed: str | None) -> str | None:
    """The code of the municipality typed or chosen (by code or name, any case), or None."""
    typed = (typed or "").strip().lower()
    if not typed:
        return None
    for m in reference.get(session).municipalities:
        if typed in (m.code.lower(), m.name.lower()):
            return m.code
    return None
