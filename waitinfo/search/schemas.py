"""Search in (query parameters, validated) and out (a page of ranked results)."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from waitinfo.geo.schemas import GeoResult
from waitinfo.search.availability import age_text, practice_bound
from waitinfo.search.display import WaitView

DOMAINS = {"ggz": "ggz", "sociaal": "social", "beide": None}
PAGE_SIZE = 25
SORTS = ("passend", "wachttijd", "afstand")


class SearchParams(BaseModel):
    """The query parameters of /zoeken, in the user's words (every search is a shareable URL)."""

    gemeente: str | None = Field(default=None, max_length=80)  # CBS code (GM0141) or name
    postcode: str | None = Field(default=None, max_length=120)  # postcode, address or place
    hulpvraag: str | None = Field(default=None, max_length=80)  # need code
    domein: Literal["ggz", "sociaal", "beide"] = "beide"
    zonder_verwijzing: bool = False
    gratis: bool = False
    online: bool = False
    max_wacht: int | None = Field(default=None, ge=0, le=104)  # weeks
    nu_open: bool = False
    verzekeraar: str | None = Field(default=None, max_length=40)  # insurer code
    ook_verouderd: bool = False  # rank figures older than three months too
    leeftijd: int | None = Field(default=None, ge=0, le=120)  # the person's age: leaves out offers not for them
    niveau: list[str] = Field(default_factory=list)  # availability.LEVELS keys
    soort: list[str] = Field(default_factory=list)  # availability.OFFER_KINDS keys
    naam: str | None = Field(default=None, max_length=80)  # part of the provider's or service's name
    sorteer: Literal["passend", "wachttijd", "afstand"] = "passend"
    ook_onvolledig: bool = False  # with max_wacht: keep incomplete figures whose known part fits (left out else)
    pagina: int = Field(default=1, ge=1, le=1000)

    @property
    def has_place(self) -> bool:
        return bool(self.gemeente or self.postcode)

    @property
    def youth(self) -> bool:
        return self.leeftijd is not None and self.leeftijd < 18


@dataclass
class Origin:
    """Where distances are measured from."""

    label: str
    municipality_code: str | None
    municipality_name: str | None
    latitude: float | None
    longitude: float | None
    kind: str  # municipality (centre), postcode, place


@dataclass
class ResolvedQuery:
    params: SearchParams
    today: date
    origin: Origin | None = None
    need_id: uuid.UUID | None = None
    need_name: str | None = None
    need_code: str | None = None
    need_usual_domain: str | None = None
    diagnosis_ids: list[uuid.UUID] = field(default_factory=list)
    domain: str | None = None
    insurer_id: uuid.UUID | None = None
    insurer_name: str | None = None
    open_day: str | None = None  # MO..SU, for nu_open
    open_time: Any = None
    page: int = 1
    page_size: int = PAGE_SIZE
    errors: dict[str, str] = field(default_factory=dict)  # field -> Dutch message
    geo: GeoResult | None = None
    service_ids: list[uuid.UUID] | None = None  # only these services (shortlist, handout)


@dataclass
class IntakeStopInfo:
    starts_on: date
    ends_on: date | None
    reason: str


@dataclass
class SearchResult:
    service_id: uuid.UUID
    service_name: str
    description: str
    domain: str
    kind: str
    wait_kind: str
    organization_id: uuid.UUID
    organization_name: str
    location_name: str | None
    address: str | None
    city: str | None
    location_type: str | None
    distance_km: float | None
    referral_required: bool
    cost: str
    cost_description: str
    how_to_register: str
    online_possible: bool
    suitable_while_waiting: bool
    assured_date: date | None
    updated_at: Any
    url: str | None
    phone: str | None
    email: str | None
    wait: WaitView
    rank_group: int  # 0 ranked, 1 figure too old or missing, 2 intake stop
    score: Decimal | float | None
    intake_stop: IntakeStopInfo | None = None
    contract_ceiling_reached: bool | None = None  # only with an insurer filter
    places_free: int | None = None
    places_total: int | None = None
    other_locations: int = 0
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility: str = ""
    organization_kind: str | None = None
    level: str = "basis"  # availability.LEVELS
    group_start: date | None = None
    ongoing: bool = False
    shown_group: int = 0  # 0 available, 1 figure too old or missing, 2 not available now (see unavailable)
    unavailable: str | None = None  # availability.UNAVAILABLE_REASONS key

    @property
    def available(self) -> bool:
        return self.shown_group == 0

    @property
    def practice_bound(self) -> bool:
        return practice_bound(self.wait_kind, self.organization_kind)

    @property
    def age_text(self) -> str:
        return age_text(self.minimum_age, self.maximum_age)


@dataclass
class SearchPage:
    query: ResolvedQuery
    results: list[SearchResult]
    total: int
    page: int
    pages: int
    ggz_within: int = 0  # ggz results with a current figure within the Treeknorm
    ggz_over: int = 0  # ggz results with a current figure over it
    left_out_incomplete: int = 0  # left out by max_wacht only because a part of their figure is unknown
    show_alternatives: bool = False
    alternatives: list[SearchResult] = field(default_factory=list)
    while_waiting: list[SearchResult] = field(default_factory=list)
    statements: int = 0  # SQL statements issued (kept low; the benchmark watches it)
    sql: list = field(default_factory=list)  # the search statements run, (sql, bind): the benchmark runs them bare
    elapsed_ms: float = 0.0

    @property
    def ranked(self) -> list[SearchResult]:
        return [r for r in self.results if r.shown_group == 0]

    @property
    def unranked(self) -> list[SearchResult]:
        return [r for r in self.results if r.shown_group == 1]

    @property
    def stopped(self) -> list[SearchResult]:
        return [r for r in self.results if r.shown_group == 2]
