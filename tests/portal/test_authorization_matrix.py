"""Authorization as a matrix: every portal, admin and meeting route x every role x own/other organisation.

A provider must never see or change anything of another provider; transfer-table members have no portal;
anonymous visitors are sent to the login page; only the coordinator reaches /beheer.
"""

from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from tests.auth_tools import anon_csrf, login
from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog
from waitinfo.core.clock import today
from waitinfo.imports.models import HeldWaitRow, ImportUpload
from waitinfo.meetings.models import CapacityOffer, Meeting, MeetingAction, TransferRequest
from waitinfo.reference.models import Subregion
from waitinfo.waits.models import IntakeStop

# (method, path template, scope). scope: "org" = about one organisation; "public"; "any-portal" = any portal
# role, not about one organisation; "admin" = coordinator only.
ROUTES = [
    ("GET", "/portaal?organisatie={org}", "org"),
    ("GET", "/portaal/maand?organisatie={org}", "org"),
    ("POST", "/portaal/maand?organisatie={org}", "org"),
    ("POST", "/portaal/maand/bevestigen?organisatie={org}", "org"),
    ("GET", "/portaal/geschiedenis?organisatie={org}", "org"),
    ("GET", "/portaal/aanbod?organisatie={org}", "org"),
    ("GET", "/portaal/aanbod/dienst/{service}", "org"),
    ("POST", "/portaal/aanbod/dienst/{service}", "org"),
    ("GET", "/portaal/aanbod/nieuwe-dienst?organisatie={org}", "org"),
    ("POST", "/portaal/aanbod/nieuwe-dienst?organisatie={org}", "org"),
    ("GET", "/portaal/aanbod/vestiging/{location}", "org"),
    ("POST", "/portaal/aanbod/vestiging/{location}", "org"),
    ("GET", "/portaal/aanbod/nieuwe-vestiging?organisatie={org}", "org"),
    ("POST", "/portaal/aanbod/nieuwe-vestiging?organisatie={org}", "org"),
    ("POST", "/portaal/aanbod/aanmeldstop?organisatie={org}", "org"),
    ("POST", "/portaal/aanbod/aanmeldstop/{stop}/beeindigen", "org"),
    ("GET", "/portaal/aanbod/profiel?organisatie={org}", "org"),
    ("POST", "/portaal/aanbod/profiel?organisatie={org}", "org"),
    ("GET", "/portaal/upload?organisatie={org}", "org"),
    ("POST", "/portaal/upload?organisatie={org}", "org"),
    ("GET", "/portaal/upload/{upload}?organisatie={org}", "org"),
    ("GET", "/portaal/sjabloon.xlsx?organisatie={org}", "org"),
    ("GET", "/portaal/koppelen?organisatie={org}", "org"),
    ("GET", "/portaal/wachttijden-sjabloon.xlsx?organisatie={org}", "org"),
    ("POST", "/portaal/koppelen/{held}", "org"),
    ("POST", "/portaal/koppelen/alle-voorstellen?organisatie={org}", "org"),
    ("GET", "/portaal/aanbod/nieuwe-organisatie", "any-portal"),
    ("POST", "/portaal/aanbod/nieuwe-organisatie", "any-portal"),
    ("GET", "/portaal/help", "public"),
    ("GET", "/beheer", "admin"),
    ("GET", "/beheer/gebruikers", "admin"),
    ("GET", "/beheer/gebruikers/nieuw", "admin"),
    ("POST", "/beheer/gebruikers/nieuw", "admin"),
    ("GET", "/beheer/gebruikers/{user}", "admin"),
    ("POST", "/beheer/gebruikers/{user}", "admin"),
    ("POST", "/beheer/gebruikers/{user}/uitnodigen", "admin"),
    ("GET", "/beheer/goedkeuren", "admin"),
    ("POST", "/beheer/goedkeuren/{kind}/{service}", "admin"),
    ("GET", "/beheer/audit", "admin"),
    ("GET", "/beheer/outbox", "admin"),
    # capacity exchange in the portal: own organisation only
    ("GET", "/portaal/capaciteit?organisatie={org}", "org"),
    ("GET", "/portaal/capaciteit/aanbod/nieuw?organisatie={org}", "org"),
    ("POST", "/portaal/capaciteit/aanbod/nieuw?organisatie={org}", "org"),
    ("GET", "/portaal/capaciteit/aanbod/{offer}", "org"),
    ("POST", "/portaal/capaciteit/aanbod/{offer}", "org"),
    ("GET", "/portaal/capaciteit/vraag/nieuw?organisatie={org}", "org"),
    ("POST", "/portaal/capaciteit/vraag/nieuw?organisatie={org}", "org"),
    ("GET", "/portaal/capaciteit/vraag/{request}", "org"),
    ("POST", "/portaal/capaciteit/vraag/{request}", "org"),
    # transfer-table meetings: members of the table and the coordinator
    ("GET", "/regio/overleg", "table"),
    ("POST", "/regio/overleg/{subregion}/reeks", "table"),
    ("POST", "/regio/overleg/{subregion}/plannen", "table"),
    ("GET", "/regio/overleg/vergadering/{meeting}", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/voorbereiden", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/starten", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/datum", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/besluit", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/actie/{action}/gereed", "table"),
    ("POST", "/regio/overleg/vergadering/{meeting}/afsluiten", "table"),
    ("GET", "/regio/overleg/vergadering/{meeting}/verslag", "table"),
    ("GET", "/regio/overleg/vergadering/{meeting}/verslag.csv", "table"),
    ("GET", "/regio/capaciteit", "table"),
    ("GET", "/regio/overleg/effect", "admin"),
    ("GET", "/regio/overleg/effect.csv", "admin"),
    ("GET", "/beheer/koppelen", "admin"),
    ("POST", "/beheer/koppelen/alle-voorstellen", "admin"),
]

ROLES = ["anonymous", "provider", "transfer", "coordinator"]


def _form(path: str, w, target_org) -> dict:
    """Plausible form data so an allowed request really does something (or fails validation, never auth)."""
    svc = w.own_service if target_org is w.own else w.other_service
    return {
        "name": "Matrix (fictief)",
        "kind": "treatment",
        "wait_kind": "ggz_basic",
        "cost": "insured",
        "email": "matrix@org.example",
        "role": "transfer",
        "service_id": str(svc.id),
        "starts_on": today().isoformat(),
        "reason": "test",
        "default_wait_method": "current",
        "reference_date": today().isoformat(),
        "location_type": "virtual",
        "besluit": "afwijzen",
    }


def _world(db):
    w = build(db)
    for svc in (w.own_service, w.other_service):
        db.add(IntakeStop(service_id=svc.id, starts_on=date(2026, 1, 1), reason="matrix"))
    w.own_service.status = "pending"
    w.other_service.status = "pending"  # unpublished data of the other provider
    db.flush()
    w.stops = {s.service_id: s for s in db.exec(select(IntakeStop)).all()}
    _meeting_world(db, w)
    w.uploads = {}
    for org in (w.own, w.other):
        item = ImportUpload(organization_id=org.id, actor="user:matrix@org.example", filename="f.csv", content=b"x")
        db.add(item)
        w.uploads[org.id] = item
    w.held = {}
    for org in (w.own, w.other):  # a held wait row of each provider
        row = HeldWaitRow(organization_id=org.id, reason="location", label="Matrix (fictief)", month=date(2026, 1, 1))
        db.add(row)
        w.held[org.id] = row
    db.flush()
    return w


def _meeting_world(db, w) -> None:
    """An offer and a request of each provider, and a meeting with an action (transfer-table routes)."""
    sub = db.exec(select(Subregion).where(Subregion.code == "almelo")).one()
    w.offers, w.requests = {}, {}
    for org in (w.own, w.other):
        offer = CapacityOffer(organization_id=org.id, title=f"Groep {org.name}", need_code="angst", places=4,
                              starts_on=today(), ends_on=today() + timedelta(days=30), contact="Aanmeldteam")  # fmt: skip
        req = TransferRequest(organization_id=org.id, need_code="angst", waiting_count=3, waiting_weeks=8)
        db.add_all([offer, req])
        w.offers[org.id], w.requests[org.id] = offer, req
    w.meeting = Meeting(subregion_id=sub.id, held_on=today())
    db.add(w.meeting)
    db.flush()
    w.action = MeetingAction(meeting_id=w.meeting.id, kind="action", text="Matrix", owner_organization_id=w.own.id)
    db.add(w.action)
    db.flush()


def _url(template: str, w, org) -> str:
    svc = w.own_service if org is w.own else w.other_service
    loc = w.own_location if org is w.own else w.other_location
    return template.format(
        org=org.id,
        service=svc.id,
        location=loc.id,
        stop=w.stops[svc.id].id,
        user=w.users["transfer"].id,
        kind="service",
        offer=w.offers[org.id].id,
        request=w.requests[org.id].id,
        meeting=w.meeting.id,
        action=w.action.id,
        subregion="almelo",
        upload=w.uploads[org.id].id,
        held=w.held[org.id].id,
    )


def _expected(role: str, scope: str, own: bool) -> str:
    if scope == "public":
        return "allowed"
    if role == "anonymous":
        return "login"
    if scope == "table":
        return "forbidden" if role == "provider" else "allowed"
    if scope == "admin":
        return "allowed" if role == "coordinator" else "forbidden"
    if role == "transfer":
        return "forbidden"
    if role == "coordinator" or scope == "any-portal":
        return "allowed"
    return "allowed" if own else "forbidden"


def _outcome(r) -> str:
    if r.status_code == 403:
        return "forbidden"
    if r.status_code in (302, 303) and r.headers.get("location", "").startswith("/inloggen"):
        return "login"
    if r.status_code in (200, 303, 409, 410, 422):
        return "allowed"
    return f"status {r.status_code}"


def test_matrix_covers_every_portal_and_admin_route(client):
    declared = {(m, t.split("?")[0]) for m, t, _ in ROUTES}
    actual = set()
    mine = {
        "waitinfo.web.routes.portal",
        "waitinfo.web.routes.portal_offer",
        "waitinfo.web.routes.portal_upload",
        "waitinfo.web.routes.portal_held",
        "waitinfo.web.routes.portal_wait_template",
        "waitinfo.web.routes.admin",
        "waitinfo.web.routes.portal_capacity",
        "waitinfo.web.routes.meetings",
        "waitinfo.web.routes.meetings_capacity",
    }
    for route in client.app.routes:
        path = getattr(route, "path", "")
        if (
            path.startswith(("/portaal", "/beheer", "/regio"))
            and getattr(route, "endpoint", None)
            and route.endpoint.__module__ in mine
        ):
            for m in route.methods - {"HEAD"}:
                actual.add(
                    (
                        m,
                        path.replace("{service_id}", "{service}")
                        .replace("{location_id}", "{location}")
                        .replace("{stop_id}", "{stop}")
                        .replace("{user_id}", "{user}")
                        .replace("{entity_id}", "{service}")
                        .replace("{offer_id}", "{offer}")
                        .replace("{request_id}", "{request}")
                        .replace("{meeting_id}", "{meeting}")
                        .replace("{action_id}", "{action}")
                        .replace("{code}", "{subregion}")
                        .replace("{upload_id}", "{upload}")
                        .replace("{held_id}", "{held}"),
                    )
                )
    missing = actual - declared
    assert not missing, f"routes not in the authorization matrix: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(db, client, role):
    w = _world(db)
    # An anonymous browser holds the pre-session CSRF token (the forms give it): what is tested here is the login.
    csrf = anon_csrf(client) if role == "anonymous" else login(client, w.users[role])
    wrong = []
    for method, template, scope in ROUTES:
        targets = [(w.own, True), (w.other, False)] if scope == "org" else [(w.own, True)]
        for org, own in targets:
            url = _url(template, w, org)
            expected = _expected(role, scope, own)
            before = db.exec(select(func.count()).select_from(AuditLog).where(AuditLog.organization_id == org.id)).one()
            if method == "GET":
                r = client.get(url, follow_redirects=False, headers={"accept": "text/html"})
            else:
                data = _form(url, w, org)
                if csrf:
                    data["csrf_token"] = csrf
                r = client.post(url, data=data, follow_redirects=False, headers={"accept": "text/html"})
            got = _outcome(r)
            if got != expected:
                side = "own" if own else "other"
                wrong.append(f"{role} {method} {template} ({side}): expected {expected}, got {got}")
            if expected != "allowed":
                after = db.exec(
                    select(func.count()).select_from(AuditLog).where(AuditLog.organization_id == org.id)
                ).one()
                if after != before:
                    wrong.append(f"{role} {method} {template}: refused but changed data")
                if method == "GET" and org is w.other and w.other.name in r.text:
                    wrong.append(f"{role} {method} {template}: refused page shows the other provider")
    assert not wrong, "\n".join(wrong)
