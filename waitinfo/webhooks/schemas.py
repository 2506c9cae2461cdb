"""In/out shapes of the webhook API (/api/v1/webhooks)."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field


class WebhookIn(BaseModel):
    url: str = Field(max_length=2000, examples=["https://hub.example/waitinfo/notices"])


class WebhookOut(BaseModel):
    id: UUID
    url: str
    active: bool
    created_at: datetime
    checked_until: datetime | None = Field(None, description="Wijzigingen tot dit moment zijn gemeld.")


class WebhookCreated(WebhookOut):
    secret: str = Field(description="HMAC-SHA256-sleutel voor Webhook-Signature; wordt maar één keer getoond.")


class DeliveryOut(BaseModel):
    id: UUID
    status: str = Field(description="pending, delivered of failed.")
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None
    payload: dict
