"""The capacity exchange: providers' offers of free capacity and their transfer requests (counts only)."""

import uuid
from datetime import date

from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.core.clock import now
from waitinfo.meetings import privacy
from waitinfo.meetings.models import CARE_LEVELS, OFFER_KINDS, OFFER_UNITS, CapacityOffer, TransferRequest
from waitinfo.meetings.schemas import OfferIn, RequestIn, parse
from waitinfo.reference.models import Subregion

KIND_LABELS = {"service": "Dienst (behandeling of begeleiding)", "group": "Groep"}
UNIT_LABELS = {"places": "plaatsen", "intake_slots": "intakeplekken"}
LEVEL_LABELS = {
    "any": "Elk niveau",
    "welfare": "Welzijn en sociaal werk",
    "basic": "Basis-ggz en huisartsenzorg",
    "specialist": "Gespecialiseerde ggz",
}
OFFER_TEXT_FIELDS = ("title", "conditions", "insurers", "contact")
OFFER_FIELDS = (
    "title",
    "kind",
    "need_code",
    "care_level",
    "unit",
    "places",
    "places_taken",
    "starts_on",
    "ends_on",
    "insurers",
    "conditions",
    "contact",
    "age_min",
    "age_max",
    "subregion_id",
)
REQUEST_FIELDS = ("need_code", "waiting_count", "waiting_weeks", "bridging_help", "age_min", "age_max", "subregion_id")

assert set(KIND_LABELS) == set(OFFER_KINDS) and set(UNIT_LABELS) == set(OFFER_UNITS)
assert set(LEVEL_LABELS) == set(CARE_LEVELS)


def offer_form(offer: CapacityOffer | None, today: date) -> dict:
    """The form values of an offer (or the defaults of a new one), as strings the form shows again."""
    if offer is None:
        return {"kind": "service", "care_level": "any", "unit": "places", "places": "1", "places_taken": "0",
                "starts_on": today.isoformat(), "ends_on": "", "referral_required": False}  # fmt: skip
    values = {k: getattr(offer, k) for k in OFFER_FIELDS}
    values = {k: ("" if v is None else str(v)) for k, v in values.items()}
    values["referral_required"] = offer.referral_required
    return values


def request_form(req: TransferRequest | None) -> dict:
    if req is None:
        return {"waiting_count": "", "waiting_weeks": "", "closed": False}
    values = {k: ("" if getattr(req, k) is None else str(getattr(req, k))) for k in REQUEST_FIELDS}
    values["closed"] = req.closed_on is not None
    return values


def read_form(raw, fields: tuple[str, ...], flags: tuple[str, ...]) -> dict:
    """What the user typed, kept as typed (strings), plus checkboxes as booleans."""
    values = {k: str(raw.get(k, "") or "").strip() for k in fields}
    for f in flags:
        values[f] = raw.get(f) in ("1", "on", "true")
    return values


def _check_choices(session: Session, values: dict, needs: dict[str, str], errors: dict) -> None:
    """The need and the subregion must be ones from the lists (a tampered form gets a message, not an error 500)."""
    if values.get("need_code") not in needs:
        errors.setdefault("need_code", "Kies een hulpvraag uit de lijst.")
    sub = values.get("subregion_id")
    if sub:
        try:
            found = session.get(Subregion, uuid.UUID(sub))
        except ValueError:
            found = None
        if found is None:
            errors.setdefault("subregion_id", "Kies een subregio uit de lijst, of heel Twente.")


def save_offer(
    session: Session,
    values: dict,
    organization_id: uuid.UUID,
    needs: dict[str, str],
    allowed: privacy.AllowedContacts,
    today: date,
    user,
    offer: CapacityOffer | None = None,
) -> tuple[CapacityOffer | None, dict[str, str]]:
    """Validate and store an offer; nothing is stored when a field is wrong or holds personal data."""
    data = {k: v for k, v in values.items() if v != ""}
    parsed, errors = parse(OfferIn, data)
    errors.update(
        {k: v for k, v in privacy.check({k: values.get(k) for k in OFFER_TEXT_FIELDS}, today, allowed).items()}
    )
    _check_choices(session, values, needs, errors)
    if offer is None and parsed is not None and parsed.ends_on < today:
        errors.setdefault("ends_on", "De einddatum ligt in het verleden. Een aanbod moet nog beschikbaar zijn.")
    if errors or parsed is None:
        return None, errors
    old = None
    if offer is None:
        offer = CapacityOffer(organization_id=organization_id, **parsed.model_dump())
        session.add(offer)
    else:
        old = {k: str(getattr(offer, k)) for k in parsed.model_dump()}
        for k, v in parsed.model_dump().items():
            setattr(offer, k, v)
        offer.updated_at = now()
    session.flush()
    _audit(session, user, "capacity_offer", offer.id, organization_id, old, parsed.model_dump())
    return offer, {}


def save_request(
    session: Session,
    values: dict,
    organization_id: uuid.UUID,
    needs: dict[str, str],
    allowed: privacy.AllowedContacts,
    today: date,
    user,
    req: TransferRequest | None = None,
) -> tuple[TransferRequest | None, dict[str, str]]:
    data = {k: v for k, v in values.items() if v != ""}
    parsed, errors = parse(RequestIn, data)
    errors.update(privacy.check({"bridging_help": values.get("bridging_help")}, today, allowed))
    _check_choices(session, values, needs, errors)
    if errors or parsed is None:
        return None, errors
    fields = parsed.model_dump(exclude={"closed"})
    old = None
    if req is None:
        req = TransferRequest(organization_id=organization_id, **fields)
        session.add(req)
    else:
        old = {k: str(getattr(req, k)) for k in fields}
        for k, v in fields.items():
            setattr(req, k, v)
        req.updated_at = now()
    if parsed.closed and req.closed_on is None:
        req.closed_on = today
    elif not parsed.closed:
        req.closed_on = None
    session.flush()
    _audit(session, user, "transfer_request", req.id, organization_id, old, fields)
    return req, {}


def _audit(session, user, entity: str, entity_id, organization_id, old, new) -> None:
    audit.record(
        session,
        actor=user.email,
        user_id=user.id,
        organization_id=organization_id,
        action="create" if old is None else "update",
        entity_type=entity,
        entity_id=str(entity_id),
        old=old,
        new={k: str(v) for k, v in new.items()},
    )
