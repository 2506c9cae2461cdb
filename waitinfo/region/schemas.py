"""Pydantic input for the region forms (fit-gap criteria, subregions), with Dutch messages that keep the input."""

from pydantic import BaseModel, Field, field_validator, model_validator

from waitinfo.catalogue.details import GROUP_DOMAIN_TYPES, SUPPORT_POINT_TYPES

CRITERION_KINDS = ("support_point_within_km", "hours_per_10k", "support_point_characteristic", "group_offer_domain")


class CriterionIn(BaseModel):
    """What the coordinator may send for a fit-gap criterion (never the table itself)."""

    name: str = Field(min_length=1, max_length=200)
    kind: str
    km: float | None = None
    minimum: float | None = None
    domain: str | None = None
    point_types: list[str] = []
    characteristic: str | None = None
    active: bool = True
    position: int = 0

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("Vul een naam in voor het criterium.")
        return v

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in CRITERION_KINDS:
            raise ValueError("Kies een soort criterium uit de lijst.")
        return v

    @model_validator(mode="after")
    def _params(self):
        if self.kind == "support_point_within_km":
            if self.km is None or not 0 <= self.km <= 100:
                raise ValueError("km: Vul een afstand in tussen 0 en 100 km.")
            if any(t not in SUPPORT_POINT_TYPES for t in self.point_types):
                raise ValueError("point_types: Kies alleen soorten steunpunten uit de lijst.")
        elif self.kind == "hours_per_10k":
            if self.minimum is None or not 0 <= self.minimum <= 1000:
                raise ValueError("minimum: Vul een aantal uren in tussen 0 en 1000.")
        elif self.kind == "support_point_characteristic":
            from waitinfo.region.common import CHARACTERISTIC_LABELS

            if self.characteristic not in CHARACTERISTIC_LABELS:
                raise ValueError("characteristic: Kies een kenmerk van een dekkend netwerk uit de lijst.")
            if self.km is None or not 0 <= self.km <= 100:
                raise ValueError("km: Vul een afstand in tussen 0 en 100 km.")
        elif self.kind == "group_offer_domain":
            if self.domain not in GROUP_DOMAIN_TYPES:
                raise ValueError("domain: Kies een domeintype voor het groepsaanbod.")
            if self.minimum is None or not 1 <= self.minimum <= 100 or self.minimum != int(self.minimum):
                raise ValueError("minimum: Vul een heel aantal in tussen 1 en 100.")
        return self

    def params(self) -> dict:
        if self.kind == "support_point_within_km":
            return {"km": self.km, "point_types": self.point_types}
        if self.kind == "hours_per_10k":
            return {"min": self.minimum}
        if self.kind == "support_point_characteristic":
            return {"characteristic": self.characteristic, "km": self.km}
        return {"domain": self.domain, "min": int(self.minimum or 1)}


def criterion_errors(exc) -> dict[str, str]:
    """Pydantic errors as {field: Dutch message}; model-level messages carry their field before the colon."""
    out: dict[str, str] = {}
    for e in exc.errors():
        msg = str(e.get("msg", "")).removeprefix("Value error, ")
        loc = [str(p) for p in e.get("loc", ()) if p != "__root__"]
        field = loc[0] if loc else ""
        if not field and ":" in msg:
            field, msg = msg.split(":", 1)
            msg = msg.strip()
        if e.get("type") in ("float_parsing", "int_parsing"):
            msg = "Vul een getal in (bijvoorbeeld 10 of 7,5)."
        elif e.get("type") == "string_too_short":
            msg = "Vul een naam in voor het criterium."
        out.setdefault(field or "algemeen", msg)
    return out
