"""Fictional demo accounts for the demo catalogue. The password "demo-wachtwoord" is for demo data ONLY."""

from sqlmodel import Session, select

from waitinfo.accounts.models import User, UserOrganization
from waitinfo.accounts.passwords import hash_password, verify_password
from waitinfo.catalogue.models import Organization
from waitinfo.demo.common import did

DEMO_PASSWORD = "demo-wachtwoord"
# (email, role, display name, demo organisation keys)
DEMO_USERS = [
    ("coordinator@waitinfo.example", "coordinator", "Regiocoördinator (demo)", []),
    ("transfer@waitinfo.example", "transfer", "Transfertafel (demo)", []),
    ("editor@reggedal.example", "provider", "Redacteur GGZ Reggedal (demo)", ["reggedal"]),
    ("editor@esch.example", "provider", "Redacteur De Esch (demo)", ["esch"]),
]


def create_demo_users(session: Session) -> list[str]:
    """Create or repair the demo accounts (idempotent); returns their e-mail addresses. The caller commits."""
    out = []
    for email, role, name, org_keys in DEMO_USERS:
        user = session.exec(select(User).where(User.email == email)).first()
        if user is None:
            user = User(email=email, role=role, display_name=name)
        user.role, user.active, user.display_name = role, True, name
        if not verify_password(user.password_hash, DEMO_PASSWORD):
            user.password_hash = hash_password(DEMO_PASSWORD)
        session.add(user)
        session.flush()
        for key in org_keys:
            org_id = did("org", key)
            if session.get(Organization, org_id) is None:
                continue  # demo catalogue not loaded (or another scale): the account stays without this org
            if session.get(UserOrganization, (user.id, org_id)) is None:
                session.add(UserOrganization(user_id=user.id, organization_id=org_id))
        out.append(email)
    session.flush()
    return out
