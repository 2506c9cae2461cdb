"""What the geocoder answers: a point with its municipality, or a clear Dutch reason why not."""

from dataclasses import asdict, dataclass

TWENTE_HINT = "waitinfo toont aanbod in de 14 Twentse gemeenten; kies een Twentse gemeente of postcode."


@dataclass
class GeoResult:
    query: str  # what the user typed
    status: str  # found, outside (outside Twente), not_found, unavailable (geocoder offline), invalid
    label: str = ""  # "7607 GH Almelo", "Vriezenveen (Twenterand)"
    latitude: float | None = None
    longitude: float | None = None
    municipality_code: str | None = None  # GMxxxx
    municipality_name: str | None = None
    source: str = ""  # pdok, cache, place, municipality
    message: str = ""  # Dutch, for the user, keeps what they typed

    @property
    def found(self) -> bool:
        return self.status == "found"

    def cache_payload(self) -> dict:
        data = asdict(self)
        data.pop("query")
        data.pop("message")
        return data
