"""In/out shapes of the wait-time API (/api/v1/wait-times)."""

from pydantic import BaseModel, ConfigDict, Field

from waitinfo.hsds.schemas import PageEnvelope


class WaitFigureOut(BaseModel):
    """One published wait figure with everything needed to read it honestly."""

    id: str
    month: str = Field(examples=["2026-10"])
    reference_date: str | None = Field(None, examples=["2026-10-31"], description="Peildatum.")
    method: str = Field(examples=["realised"], description="realised of current.")
    method_label: str
    wait_kind: str = Field(examples=["ggz_basic"], description="ggz_specialist, ggz_basic, poh_ggz of social.")
    wait_kind_label: str
    registration_weeks: float | None = Field(None, description="Leeg = niet gemeld (nooit 0 bedoeld).")
    treatment_weeks: float | None = None
    registration_lower_bound: bool = Field(
        False,
        description="Waar: de aanmeldwachttijd is een ondergrens ('> 26' = meer dan 26 weken), geen exact cijfer.",
    )
    treatment_lower_bound: bool = Field(False, description="Waar: de behandelwachttijd is een ondergrens.")
    registration_text: str | None = None
    treatment_text: str | None = None
    waiting_count: int | None = Field(
        None, description="Aantal wachtenden: het aantal mensen dat op de peildatum wacht op intake of behandeling."
    )
    intake_within_norm: int | None = Field(
        None,
        description="Instroom: het aantal mensen dat in de twee maanden voor de peildatum startte binnen de "
        "Treeknorm (terugkijkend; niet het aantal wachtenden).",
    )
    intake_outside_norm: int | None = Field(
        None, description="Instroom: idem, buiten de Treeknorm (terugkijkend; niet het aantal wachtenden)."
    )
    over_norm: bool | None = Field(
        None,
        description="Boven (true) of binnen (false) de Treeknorm (ggz) of de eigen referentiewaarde (sociaal domein, "
        "POH-ggz); leeg als een deel onbekend is (verdict incomplete, onvolledig) of er geen cijfer is.",
    )
    verdict: str = Field(
        description="within, over, incomplete (onvolledig: een deel onbekend, geen totaal) of unknown."
    )
    verdict_label: str = Field(examples=["onvolledig"])
    freshness: str = Field(
        description="fresh (voor de laatst verwachte maand of later), stale (achter op de maandelijkse levering), "
        "hidden (drie maanden of meer achter: telt niet mee in de volgorde)."
    )
    due: str = Field(examples=["cijfer over november; december verwacht uiterlijk 10 januari"])
    diagnosis_group: str | None = None
    diagnosis_group_name: str | None = None
    organization_id: str
    organization_name: str
    agb_code: str | None = None
    service_id: str
    service_name: str
    location_id: str
    location_name: str
    municipality_code: str | None = None
    municipality_name: str | None = None
    subregion: str | None = None
    service_at_location_id: str
    import_run_id: str | None = None
    updated_at: str
    definition: str = Field(description="De precieze betekenis van dit cijfer.")


class WaitFigurePage(PageEnvelope):
    contents: list[WaitFigureOut]


class WaitRecordIn(BaseModel):
    """One wait figure as a provider pushes it; the same fields as the wait-time import file."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "location_name": "Vestiging Centrum",
                    "postal_code": "7511 AA",
                    "city": "Enschede",
                    "care_type": "basis-ggz",
                    "service_name": "Behandeling angstklachten",
                    "diagnosis_group": "angst",
                    "registration_weeks": 3,
                    "treatment_weeks": 7,
                    "waiting_count": 14,
                    "month": "2026-10",
                    "reference_date": "2026-10-31",
                    "method": "gerealiseerd",
                }
            ]
        },
    )

    location_name: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    care_type: str | None = None
    service_name: str | None = None
    diagnosis_group: str | None = None
    registration_weeks: float | str | None = None
    treatment_weeks: float | str | None = None
    waiting_count: int | str | None = None
    reference_date: str | None = None
    month: str | None = None
    method: str | None = Field(None, description="gerealiseerd/realised of actueel/current; leeg = profiel.")
    intake_within_norm: int | str | None = None
    intake_outside_norm: int | str | None = None
    intake_stop: bool | str | None = None
    intake_stop_from: str | None = None
    intake_stop_until: str | None = None
    intake_stop_reason: str | None = None


class WaitPushIn(BaseModel):
    records: list[WaitRecordIn] = Field(min_length=1, max_length=10_000)
