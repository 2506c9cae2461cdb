"""Webhooks: an API client registers a URL and receives HMAC-signed notices of changed catalogue ids."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, created_at, optional_moment

DELIVERY_STATUSES = ("pending", "delivered", "failed")


class WebhookSubscription(SQLModel, table=True):
    __tablename__ = "webhook_subscription"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    api_key_id: uuid.UUID = Field(foreign_key="api_key.id", index=True, ondelete="CASCADE")
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=100)  # HMAC-SHA256 key, shown once at registration
    active: bool = True
    # Changes up to this moment have been announced; the next run looks from here.
    checked_until: datetime | None = optional_moment()
    created_at: datetime = created_at()


class WebhookDelivery(SQLModel, table=True):
    """One notice to one subscriber; retried with backoff until delivered or MAX_ATTEMPTS is reached."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
        CheckConstraint(check_in("status", DELIVERY_STATUSES), name="webhook_delivery_status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscription.id", index=True, ondelete="CASCADE")
    payload: dict = Field(sa_column=Column(JSONB, nullable=False))
    status: str = Field(default="pending", max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = created_at()
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = created_at()
    delivered_at: datetime | None = optional_moment()
