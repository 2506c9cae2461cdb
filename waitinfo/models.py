"""Imports every table model so SQLModel.metadata is complete (Alembic, tests)."""

from sqlmodel import SQLModel

from waitinfo.accounts.models import ApiKey, AuditLog, AuthToken, OutboxMessage, User, UserOrganization
from waitinfo.catalogue.details import GroupOffer, SupportPoint, SupportPointMonth
from waitinfo.catalogue.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from waitinfo.geo.models import GeocodeCache
from waitinfo.hsds.models import Deletion, HsdsDocument, PushFingerprint
from waitinfo.imports.models import ImportRowError, ImportRun, ImportUpload, ProviderFeed
from waitinfo.meetings.models import (
    CapacityOffer,
    Meeting,
    MeetingAction,
    MeetingBottleneck,
    MeetingSeries,
    TransferRequest,
)
from waitinfo.reference.models import Municipality, MunicipalityContact, Place, Subregion
from waitinfo.region.models import FitGapCriterion, KpiBaseline, RegionSnapshot
from waitinfo.search import indexes as _search_indexes  # noqa: F401  (indexes of the search)
from waitinfo.waits.models import CapacityUnit, Insurer, InsurerContract, IntakeStop, ServiceCapacity, WaitTime
from waitinfo.webhooks.models import WebhookDelivery, WebhookSubscription

metadata = SQLModel.metadata

__all__ = [
    "ApiKey",
    "CapacityOffer",
    "Meeting",
    "MeetingAction",
    "MeetingBottleneck",
    "MeetingSeries",
    "TransferRequest",
    "AuditLog",
    "AuthToken",
    "CapacityUnit",
    "Deletion",
    "FitGapCriterion",
    "GeocodeCache",
    "GroupOffer",
    "HsdsDocument",
    "ImportRowError",
    "ImportRun",
    "ImportUpload",
    "InsurerContract",
    "Insurer",
    "IntakeStop",
    "Location",
    "Municipality",
    "MunicipalityContact",
    "Organization",
    "OutboxMessage",
    "Place",
    "PushFingerprint",
    "ProviderFeed",
    "RegionSnapshot",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceCapacity",
    "ServiceNeed",
    "Subregion",
    "KpiBaseline",
    "SupportPoint",
    "SupportPointMonth",
    "Taxonomy",
    "TaxonomyTerm",
    "User",
    "UserOrganization",
    "WaitTime",
    "WebhookDelivery",
    "WebhookSubscription",
    "metadata",
]
