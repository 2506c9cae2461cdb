"""The provider's profile: default measurement method and this year's insurer contracts (omzetplafond)."""

from datetime import date

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Organization
from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.wait_fields import parse_agb
from waitinfo.portal import validation
from waitinfo.waits.models import Insurer, InsurerContract


def contracts(session: Session, org: Organization, year: int) -> list[tuple[Insurer, InsurerContract | None]]:
    have = {
        c.insurer_id: c
        for c in session.exec(
            select(InsurerContract).where(InsurerContract.organization_id == org.id, InsurerContract.year == year)
        )
    }
    return [(i, have.get(i.id)) for i in session.exec(select(Insurer).order_by(Insurer.name))]


def save_profile(session: Session, org: Organization, form, *, user: User, today: date) -> dict:
    """Default measurement method, AGB code (onderneming) and this year's insurer contracts (with 'omzetplafond
    bereikt')."""
    errors = {}
    try:
        method = validation.method("default_wait_method", form.get("default_wait_method"), org.default_wait_method)
    except validation.FieldError as exc:
        errors["default_wait_method"] = exc.message
        return errors
    agb = org.agb_code
    if "agb_code" in form:
        try:
            agb = parse_agb(form.get("agb_code"), "agb_code")
        except NormaliseError as exc:
            errors["agb_code"] = exc.message
            return errors
    actor = f"user:{user.email}"
    if (method, agb) != (org.default_wait_method, org.agb_code):
        audit.record(
            session,
            actor=actor,
            action="update",
            entity_type="organization",
            entity_id=org.id,
            old={"default_wait_method": org.default_wait_method, "agb_code": org.agb_code},
            new={"default_wait_method": method, "agb_code": agb},
            organization_id=org.id,
            user_id=user.id,
        )
        org.default_wait_method, org.agb_code = method, agb
        session.add(org)
    for insurer, contract in contracts(session, org, today.year):
        wanted = form.get(f"contract_{insurer.code}") == "on"
        ceiling = wanted and form.get(f"ceiling_{insurer.code}") == "on"
        old = {"contract": contract is not None, "ceiling_reached": bool(contract and contract.ceiling_reached)}
        new = {"contract": wanted, "ceiling_reached": ceiling}
        if old == new:
            continue
        if not wanted:
            session.delete(contract)
            entity_id = contract.id
        else:
            contract = contract or InsurerContract(organization_id=org.id, insurer_id=insurer.id, year=today.year)
            contract.ceiling_reached, contract.reported_on = ceiling, today
            session.add(contract)
            session.flush()
            entity_id = contract.id
        audit.record(
            session,
            actor=actor,
            action="update",
            entity_type="insurer_contract",
            entity_id=entity_id,
            old={"verzekeraar": insurer.name, "jaar": today.year, **old},
            new={"verzekeraar": insurer.name, "jaar": today.year, **new},
            organization_id=org.id,
            user_id=user.id,
            only_changes=False,
        )
    return errors
