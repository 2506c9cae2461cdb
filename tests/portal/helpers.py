"""Two fictional providers with a location, a service, and last month's waits; plus users of every role."""

from dataclasses import dataclass

from tests import factories
from tests.auth_tools import make_user
from waitinfo.core.clock import add_months, month_start, today


@dataclass
class World:
    own: object
    other: object
    own_service: object
    other_service: object
    own_location: object
    other_location: object
    own_sal: object
    other_sal: object
    users: dict


def build(db) -> World:
    own = factories.organization(db, "Kanaalzijde GGZ (fictief)", kind="basic_ggz")
    other = factories.organization(db, "Heuvelrand Zorg (fictief)", kind="specialist_ggz")
    last_month = add_months(month_start(today()), -1)
    parts = {}
    for key, org, gm in (("own", own, "GM0153"), ("other", other, "GM0164")):
        loc = factories.location(db, org, gm)
        svc = factories.service(db, org, f"Behandeling {org.name}", wait_kind="ggz_basic")
        sal = factories.at_location(db, svc, loc)
        factories.wait(db, sal, last_month, registration=3, treatment=7, waiting_count=12, reference_date=last_month)
        parts[key] = (loc, svc, sal)
    users = {
        "provider": make_user(db, "editor@kanaalzijde.example", "provider", [own]),
        "other_provider": make_user(db, "editor@heuvelrand.example", "provider", [other]),
        "transfer": make_user(db, "tafel@waitinfo.example", "transfer"),
        "coordinator": make_user(db, "coord@waitinfo.example", "coordinator"),
    }
    return World(
        own,
        other,
        parts["own"][1],
        parts["other"][1],
        parts["own"][0],
        parts["other"][0],
        parts["own"][2],
        parts["other"][2],
        users,
    )
