"""Pydantic descriptions of the HSDS 3.0 output for OpenAPI (documentation; the official schemas validate)."""

from pydantic import BaseModel, ConfigDict, Field

from waitinfo.hsds.examples import example
from waitinfo.imports.schemas import ImportReport


class Open(BaseModel):
    """HSDS objects may carry more fields than listed here; the official schema is the reference."""

    model_config = ConfigDict(extra="allow")


class HsdsRoot(Open):
    version: str = Field(examples=["3.0"])
    profile: str = Field(examples=["https://waitinfo.twente.example/hsds-profile"])
    openapi_url: str = Field(examples=["http://127.0.0.1:8000/openapi.json"])
    publisher: str | None = None
    license: dict | None = Field(None, description="Licentie van de open data (CC BY 4.0).")
    contact: dict | None = Field(None, description="Contact voor vragen over de data.")
    bulk_download: dict | None = Field(None, description="De hele catalogus in één bestand (zip met CSV's, ndjson).")


class TaxonomyOut(Open):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTermOut(Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": example("taxonomy_term")})

    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    language: str | None = None
    term_uri: str | None = None


class AttributeOut(Open):
    id: str
    link_id: str | None = None
    taxonomy_term_id: str | None = None
    link_type: str | None = Field(None, description="`wait_time` for wait figures, `need` for needs.")
    link_entity: str | None = None
    value: str | None = None
    taxonomy_term: TaxonomyTermOut | None = None


class ScheduleOut(Open):
    id: str
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None


class AddressOut(Open):
    id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class LocationOut(Open):
    id: str
    location_type: str
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut] | None = None
    schedules: list[ScheduleOut] | None = None


class IdentifierOut(Open):
    id: str
    identifier_type: str
    identifier: str
    identifier_scheme: str | None = None


class PhoneOut(Open):
    id: str
    number: str


class OrganizationOut(Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": example("organization")})

    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    organization_identifiers: list[IdentifierOut] | None = None
    phones: list[PhoneOut] | None = None
    locations: list[LocationOut] | None = None


class ServiceAtLocationOut(Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": example("service_at_location")})

    id: str
    service_id: str | None = None
    location_id: str | None = None
    location: LocationOut | None = None
    schedules: list[ScheduleOut] | None = None
    attributes: list[AttributeOut] | None = Field(
        None,
        description="Wait figures under taxonomy `waitinfo_wait` (link_entity service_at_location), one observation "
        "per `label`; with the diagnosis group's own term.",
    )


class CapacityOut(Open):
    """HSDS 3.1 service_capacity."""

    id: str
    unit: dict
    available: float
    maximum: float | None = None
    updated: str


class ServiceOut(Open):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": example("service")
            or [
                {
                    "id": "5b0a2f5e-3f43-4a57-9d39-6a0f3c1f8a10",
                    "name": "Behandeling angstklachten",
                    "status": "active",
                    "organization_id": "0c4f7f57-2b9e-4c8a-a1b6-2c3a6f7e9d01",
                    "wait_time": "wachttijd basis-ggz: aanmeldwachttijd 3 weken, behandelwachttijd 6 weken; gerealiseerde "
                    "wachttijd (gemiddelde over de laatste twee maanden); peildatum 2026-10-31.",
                    "last_modified": "2026-11-02T09:12:00+00:00",
                }
            ]
        },
    )

    id: str
    name: str
    status: str = Field(description="active, inactive, or defunct (tombstone in sync mode: remove it).")
    organization_id: str | None = None
    description: str | None = None
    wait_time: str | None = None
    alert: str | None = Field(None, description="Intake stop (aanmeldstop), when one is in force.")
    last_modified: str | None = None
    organization: OrganizationOut | None = None
    service_at_locations: list[ServiceAtLocationOut] | None = None
    capacities: list[CapacityOut] | None = None


class DeletionOut(BaseModel):
    id: str
    entity_type: str
    deleted_at: str | None = None


class PageEnvelope(BaseModel):
    """The HSDS 3.0 page envelope; each page type adds its `contents`."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class Page(PageEnvelope):
    deletions: list[DeletionOut] | None = Field(
        None, description="Only with modified_after, on page 1: ids removed since then (delete them)."
    )


class ServicePage(Page):
    contents: list[ServiceOut]


class OrganizationPage(Page):
    contents: list[OrganizationOut]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocationOut]


class TaxonomyPage(Page):
    contents: list[TaxonomyOut]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTermOut]


class ServiceIn(Open):
    """An HSDS 3.0 service as a provider pushes it (any further HSDS fields are read too)."""

    id: str | None = Field(None, description="Weglaten voor een nieuwe service; bij PUT gelijk aan de URL.")
    name: str = Field(min_length=1, max_length=250)
    status: str | None = Field(None, description="active, inactive, defunct of temporarily closed.")


class ServicePageIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    contents: list[ServiceIn]


class PushReport(ImportReport):
    """The import report of a push, with the ids it touched, so a pusher can keep its own mirror in step."""

    created: list[str] = Field(default_factory=list, description="Nieuwe ids (services, locaties, koppelingen).")
    changed: list[str] = Field(default_factory=list, description="Bestaande services die zijn bijgewerkt.")
    unchanged: list[str] = Field(
        default_factory=list, description="Services die precies zo al waren aangeleverd; niets herschreven."
    )
    pending: list[str] = Field(
        default_factory=list,
        description="Nieuwe services en locaties: wachten op goedkeuring door de coördinator, tot dan niet openbaar.",
    )
