"""The portal's location form: how it is read, checked and geocoded, and how a location is saved (audited). A new
location is 'pending' until the coordinator approves it, like a new service."""

from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Location, Organization
from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.wait_fields import parse_agb
from waitinfo.portal import validation
from waitinfo.portal.validation import FormResult
from waitinfo.reference.models import Municipality

LOCATION_FIELDS = (
    "name",
    "location_type",
    "address_1",
    "postal_code",
    "city",
    "agb_code",
    "municipality_code",
    "latitude",
    "longitude",
    "description",
)


def location_state(loc: Location) -> dict:
    return {k: getattr(loc, k) for k in LOCATION_FIELDS}


def parse_location_form(session: Session, form) -> FormResult:
    from waitinfo.geo.service import geocode_address

    r = FormResult()
    v = r.values
    for k in ("name", "address_1", "city", "description"):
        v[k] = (form.get(k) or "").strip()
    v["location_type"] = "virtual" if form.get("location_type") == "virtual" else "physical"
    if not v["name"]:
        r.errors["name"] = "Vul de naam van de vestiging in."
    try:
        v["postal_code"] = validation.postcode("postal_code", form.get("postal_code"))
    except validation.FieldError as exc:
        r.errors["postal_code"] = exc.message
        v["postal_code"] = (form.get("postal_code") or "").strip()
    try:
        v["agb_code"] = parse_agb(form.get("agb_code"), "agb_code")
    except NormaliseError as exc:
        r.errors["agb_code"] = exc.message
        v["agb_code"] = (form.get("agb_code") or "").strip()
    v["municipality_code"] = form.get("municipality_code") or None
    if v["municipality_code"] and session.get(Municipality, v["municipality_code"]) is None:
        r.errors["municipality_code"] = "Kies een Twentse gemeente uit de lijst."
    v["latitude"] = v["longitude"] = None
    v["geocode_message"] = ""
    if v["location_type"] == "physical" and not r.errors:
        query = " ".join(x for x in (v["address_1"], v["postal_code"], v["city"]) if x)
        if not query:
            r.errors["address_1"] = "Vul een adres of postcode in, of kies 'online of telefonisch'."
        else:
            hit = geocode_address(session, query)
            if hit.found:
                v["latitude"], v["longitude"] = hit.latitude, hit.longitude
                v["municipality_code"] = hit.municipality_code
            elif v["municipality_code"]:
                muni = session.get(Municipality, v["municipality_code"])
                v["latitude"], v["longitude"] = muni.latitude, muni.longitude
                v["geocode_message"] = hit.message + " We gebruiken voorlopig het midden van de gekozen gemeente."
            else:
                r.errors["address_1"] = hit.message or "Adres niet gevonden; kies ook de gemeente."
    return r


def save_location(session: Session, org: Organization, loc: Location | None, v: dict, *, user: User) -> Location:
    old = location_state(loc) if loc else None
    # A new location waits for the coordinator like a new service (portal/approvals.py), unless the coordinator adds it.
    loc = loc or Location(
        organization_id=org.id, name=v["name"], status="active" if user.role == "coordinator" else "pending"
    )
    for k in LOCATION_FIELDS:
        setattr(loc, k, v[k])
    session.add(loc)
    session.flush()
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="update" if old else ("propose" if loc.status == "pending" else "create"),
        entity_type="location",
        entity_id=loc.id,
        old=old,
        new=location_state(loc),
        organization_id=org.id,
        user_id=user.id,
    )
    return loc
