"""Webhooks for API clients: register a URL, list, remove, and read the delivery log (/api/v1/webhooks)."""

import uuid

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import KeyClient, add_head_routes, error_responses
from waitinfo.webhooks import service as hooks
from waitinfo.webhooks.schemas import DeliveryOut, WebhookCreated, WebhookIn, WebhookOut

router = APIRouter(prefix="/api/v1/webhooks", tags=["Webhooks"])
ERRORS = error_responses(401, 422, 429)
DESCRIPTION = (
    "Elke minuut krijgt uw URL een POST met de ids die sinds de vorige melding veranderden of verdwenen "
    "(`services`, `organizations`, `locations`, `deleted`), ondertekend met `Webhook-Signature: t=<tijd>,v1=<hex>` "
    "(HMAC-SHA256 van `<t>.<body>` met het geheim). Antwoord 2xx; anders volgen nieuwe pogingen (1 min tot 12 uur)."
)


def _own(session, client, webhook_id: uuid.UUID):
    sub = hooks.subscription(session, client.key, webhook_id)
    if sub is None:
        raise HTTPException(404, "Geen webhook met dit id voor deze API-sleutel.")
    return sub


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    responses=ERRORS,
    summary="Webhook registreren (het geheim wordt één keer getoond)",
    description=DESCRIPTION,
)
def register(session: SessionDep, client: KeyClient, body: WebhookIn):
    try:
        sub, secret = hooks.register(session, client.key, body.url)
    except hooks.WebhookError as exc:
        raise HTTPException(422, str(exc)) from None
    return WebhookCreated(**WebhookOut.model_validate(sub, from_attributes=True).model_dump(), secret=secret)


@router.get("", response_model=list[WebhookOut], responses=ERRORS, summary="Uw webhooks")
def list_webhooks(session: SessionDep, client: KeyClient):
    return [WebhookOut.model_validate(s, from_attributes=True) for s in hooks.subscriptions(session, client.key)]


@router.get(
    "/{webhook_id}/deliveries",
    response_model=list[DeliveryOut],
    responses={**ERRORS, **error_responses(404)},
    summary="Afleverlog van een webhook (nieuwste eerst)",
)
def delivery_log(session: SessionDep, client: KeyClient, webhook_id: uuid.UUID):
    sub = _own(session, client, webhook_id)
    return [DeliveryOut.model_validate(d, from_attributes=True) for d in hooks.deliveries(session, sub)]


@router.delete(
    "/{webhook_id}", status_code=204, responses={**ERRORS, **error_responses(404)}, summary="Webhook verwijderen"
)
def remove(session: SessionDep, client: KeyClient, webhook_id: uuid.UUID):
    hooks.remove(session, _own(session, client, webhook_id))
    return Response(status_code=204)


add_head_routes(router)
