"""Pydantic descriptions of the FHIR output for OpenAPI (fhir.resources validates the real thing in tests)."""

from pydantic import BaseModel, ConfigDict, Field


class FhirResource(BaseModel):
    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(examples=["HealthcareService"])
    id: str | None = None


class BundleLink(BaseModel):
    relation: str
    url: str


class BundleEntry(BaseModel):
    model_config = ConfigDict(extra="allow")

    fullUrl: str
    resource: FhirResource


class FhirBundle(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "resourceType": "Bundle",
                    "type": "searchset",
                    "total": 1,
                    "link": [
                        {"relation": "self", "url": "http://127.0.0.1:8000/fhir/HealthcareService?_count=50&_page=1"}
                    ],
                    "entry": [
                        {
                            "fullUrl": "http://127.0.0.1:8000/fhir/HealthcareService/5b0a2f5e-3f43-4a57-9d39-6a0f3c1f8a10",
                            "resource": {
                                "resourceType": "HealthcareService",
                                "id": "5b0a2f5e-3f43-4a57-9d39-6a0f3c1f8a10",
                                "name": "Behandeling angstklachten",
                            },
                            "search": {"mode": "match"},
                        }
                    ],
                }
            ]
        },
    )

    resourceType: str
    type: str
    total: int
    link: list[BundleLink]
    entry: list[BundleEntry] = []


class OperationIssue(BaseModel):
    model_config = ConfigDict(extra="allow")

    severity: str
    code: str
    diagnostics: str | None = None


class OperationOutcome(BaseModel):
    resourceType: str = "OperationOutcome"
    issue: list[OperationIssue]
