"""Demo social-domain offer per organisation kind: social work, welfare, peer recovery and municipalities."""

from waitinfo.demo.common import Demo
from waitinfo.demo.specs import free_offer, online_selfhelp, spec


def social_work_specs(demo: Demo, org: dict) -> list[dict]:
    if org["key"] == "schuldhulp":
        return [
            free_offer(
                "schuld",
                "Schuldhulpverlening en budgetcoaching",
                "consultation",
                "social",
                "social",
                ["geldzorgen"],
                "social",
            ),
            free_offer(
                "thuisadmin",
                "Vrijwillige thuisadministratie",
                "peer_support",
                "social",
                "none",
                ["geldzorgen"],
                "social",
            ),
        ]
    out = [
        free_offer(
            "amw",
            "Algemeen maatschappelijk werk",
            "consultation",
            "social",
            "social",
            ["stress", "relaties-gezin", "geldzorgen"],
            "social",
            while_waiting=True,
        ),
        free_offer(
            "rouw", "Begeleiding bij rouw en verlies", "consultation", "social", "social", ["zingeving"], "social"
        ),
    ]
    if demo.rng.random() < 0.6:
        out.append(
            free_offer(
                "relatie",
                "Hulp bij relatie- en gezinsproblemen",
                "consultation",
                "social",
                "social",
                ["relaties-gezin"],
                "social",
            )
        )
    return out


def welfare_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    out = [
        free_offer(
            "formulier", "Formulierenhulp en geldzaken", "information", "social", "none", ["geldzorgen"], "social"
        ),
        free_offer(
            "mantelzorg",
            "Mantelzorgondersteuning en respijtzorg",
            "consultation",
            "social",
            "none",
            ["mantelzorg"],
            "social",
        ),
        free_offer(
            "maatje",
            "Maatjesproject: samen iets ondernemen",
            "peer_support",
            "social",
            "none",
            ["eenzaamheid", "herstel"],
            "social",
            while_waiting=True,
        ),
    ]
    if rng.random() < 0.7:
        out.append(
            free_offer(
                "vrijwilligers",
                "Vrijwilligerswerk en dagbesteding zoeken",
                "information",
                "social",
                "none",
                ["werk-dagbesteding", "eenzaamheid"],
                "social",
            )
        )
    if rng.random() < 0.5:
        out.append(
            free_offer(
                "ouderen",
                "Ouderenadvies en huisbezoek",
                "consultation",
                "social",
                "none",
                ["eenzaamheid", "wonen"],
                "social",
                min_age=65,
            )
        )
    return out


def peer_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        free_offer(
            "lotgenoten",
            "Lotgenotencontact met ervaringsdeskundigen",
            "peer_support",
            "social",
            "none",
            ["herstel", "eenzaamheid", "somberheid"],
            "peer",
            while_waiting=True,
        ),
        free_offer(
            "begeleiding",
            "Herstelondersteuning door een ervaringsdeskundige",
            "peer_support",
            "social",
            "none",
            ["herstel", "angst", "psychose"],
            "peer",
            while_waiting=True,
        ),
    ]
    if org["key"] == "digiherstel":
        out.append(
            online_selfhelp(
                "chat", "Herstelchat met ervaringsdeskundigen", ["herstel", "eenzaamheid", "crisis"], domain="social"
            )
        )
    return out


def municipality_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "wijkteam",
            "Sociaal wijkteam: ondersteuning thuis (Wmo)",
            "consultation",
            "social",
            "social",
            ["wonen", "mantelzorg", "eenzaamheid"],
            False,
            "own_contribution",
            "municipality",
        ),
        free_offer(
            "schuld",
            "Schuldhulpverlening van de gemeente",
            "consultation",
            "social",
            "social",
            ["geldzorgen"],
            "municipality",
        ),
        free_offer(
            "participatie",
            "Werk, participatie en dagbesteding",
            "consultation",
            "social",
            "social",
            ["werk-dagbesteding"],
            "municipality",
        ),
    ]
    if demo.rng.random() < 0.5:
        out.append(
            free_offer(
                "wonen",
                "Hulp bij wonen en beschermd wonen (toegang)",
                "information",
                "social",
                "none",
                ["wonen", "psychose"],
                "municipality",
            )
        )
    return out
