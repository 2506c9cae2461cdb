"""Demo ggz offer per organisation kind: specialist, basic, practices, addiction care, paramedics, GP practices."""

from waitinfo.demo.common import Demo
from waitinfo.demo.names import NEED_LABELS
from waitinfo.demo.specs import free_offer, online_selfhelp, referred_treatment, spec

GGZ_NEEDS = ["somberheid", "angst", "stress", "trauma", "relaties-gezin"]

FOCUS = {
    "tpg": ["somberheid", "angst", "psychose", "persoonlijkheid"],
    "reggedal": ["somberheid", "angst", "trauma"],
    "lonneker": ["trauma"],
    "esch": ["eetproblemen"],
    "kwadrant": ["persoonlijkheid"],
    "oosterhof": ["adhd-autisme"],
    "angstcentrum": ["angst"],
    "veldhuis": ["psychose"],
    "dinkelborgh": ["somberheid", "angst"],
    "sgnot": ["somberheid", "angst", "trauma"],
}


def specialist_specs(demo: Demo, org: dict) -> list[dict]:
    rng, key = demo.rng, org["key"]
    out = [
        referred_treatment(
            f"beh-{n}",
            f"Specialistische behandeling bij {NEED_LABELS[n]}",
            "ggz_specialist",
            [n] + ([rng.choice(["stress", "relaties-gezin"])] if rng.random() < 0.3 else []),
            min_age=60 if key == "dinkelborgh" else 18,
        )
        for n in FOCUS[key]
    ]
    if key in ("tpg", "reggedal", "veldhuis"):
        out.append(
            spec(
                "crisis",
                "Crisisdienst volwassenen (24 uur per dag)",
                "crisis",
                "ggz",
                "none",
                ["crisis"],
                True,
                "insured",
                "crisis",
            )
        )
    if key in ("tpg", "angstcentrum", "esch", "lonneker", "reggedal"):
        n = FOCUS[key][0] if key != "tpg" else "angst"
        out.append(online_selfhelp("ehealth", f"Online zelfhulpprogramma bij {NEED_LABELS[n]}", [n]))
    if key in ("tpg", "veldhuis", "kwadrant", "oosterhof"):
        out.append(
            free_offer(
                "naasten",
                "Informatie en advies voor naasten",
                "information",
                "ggz",
                "none",
                ["relaties-gezin", "mantelzorg"],
                "direct",
            )
        )
    if key in ("angstcentrum", "tpg"):
        out.append(
            free_offer(
                "consult",
                "Adviesgesprek bij angst zonder verwijzing",
                "consultation",
                "ggz",
                "none",
                ["angst"],
                "direct",
                while_waiting=True,
            )
        )
    return out


def basic_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    needs = rng.sample(GGZ_NEEDS, 3)
    if org["key"] in ("reggevecht", "bgnt", "twentekanaal"):
        needs = ["angst"] + [n for n in needs if n != "angst"][:2]
    out = [
        referred_treatment(
            f"beh-{n}",
            f"Behandeling basis-ggz bij {NEED_LABELS[n]}",
            "ggz_basic",
            [n] + rng.sample(["stress", "relaties-gezin", "zingeving"], rng.randint(0, 1)),
        )
        for n in needs
    ]
    out.append(online_selfhelp("ehealth", f"Online cursus bij {NEED_LABELS[needs[0]]}", [needs[0], "stress"]))
    if org["key"] == "onlinebasis":
        out.append(
            referred_treatment(
                "online-beh",
                "Online behandeling basis-ggz (beeldbellen)",
                "ggz_basic",
                ["somberheid", "angst"],
                online=True,
            )
        )
    return out


def practice_specs(demo: Demo, org: dict) -> list[dict]:
    rng = demo.rng
    needs = rng.sample(GGZ_NEEDS + ["persoonlijkheid", "adhd-autisme"], rng.randint(1, 2))
    if org["key"] in ("lindehof", "nieuweruimte"):
        needs = ["angst"] + [n for n in needs if n != "angst"][:1]
    out = []
    for n in needs:
        specialist = n in ("persoonlijkheid", "adhd-autisme") or rng.random() < 0.25
        out.append(
            referred_treatment(
                f"beh-{n}",
                ("Psychotherapie" if specialist else "Kortdurende behandeling") + f" bij {NEED_LABELS[n]}",
                "ggz_specialist" if specialist else "ggz_basic",
                [n],
            )
        )
    if org["key"] in ("nieuweruimte", "esveld", "kanaalzicht", "lindehof"):
        out.append(
            spec(
                "zonder-verwijzing",
                "Kortdurende hulp zonder verwijzing (zelf betalen)",
                "consultation",
                "ggz",
                "ggz_basic",
                needs[:1] + ["stress"],
                False,
                "paid",
                "paid",
            )
        )
    return out


def addiction_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        referred_treatment("beh", "Behandeling bij verslaving", "ggz_specialist", ["verslaving"]),
        free_offer(
            "inloop",
            "Vrij inloopspreekuur alcohol, drugs en gokken",
            "consultation",
            "ggz",
            "none",
            ["verslaving"],
            "direct",
            while_waiting=True,
        ),
    ]
    if org["key"] in ("gokgame", "dinkelregge"):
        out.append(online_selfhelp("ehealth", "Anonieme online hulp bij gokken en gamen", ["verslaving"]))
    if org["key"] == "dinkelregge":
        out.append(
            free_offer(
                "naasten",
                "Steun voor naasten van mensen met een verslaving",
                "information",
                "ggz",
                "none",
                ["verslaving", "relaties-gezin", "mantelzorg"],
                "direct",
            )
        )
    return out


def paramedical_specs(demo: Demo, org: dict) -> list[dict]:
    needs = {
        "psysom": ["stress", "angst"],
        "beweging": ["somberheid", "stress"],
        "ergothuis": ["werk-dagbesteding"],
        "goedgevoed": ["eetproblemen"],
        "pmt": ["trauma", "stress"],
    }[org["key"]]
    return [
        spec(
            "beh",
            f"Paramedische begeleiding bij {NEED_LABELS[needs[0]]}",
            "treatment",
            "ggz",
            "none",
            needs,
            False,
            "insured",
            "direct",
            cost_text="Vergoed uit de aanvullende verzekering (niet uit de basisverzekering).",
        )
    ]


def gp_specs(demo: Demo, org: dict) -> list[dict]:
    out = [
        spec(
            "poh",
            "Gesprekken met de POH-ggz",
            "consultation",
            "ggz",
            "poh_ggz",
            ["somberheid", "angst", "stress"],
            False,
            "insured",
            "poh",
            while_waiting=True,
            eligibility="Voor patiënten die bij deze huisartsenpraktijk staan ingeschreven.",
            cost_text="Vergoed uit de basisverzekering; geen eigen risico.",
        )
    ]
    if demo.rng.random() < 0.5:
        out.append(
            online_selfhelp("ehealth", "Online zelfhulpmodules via de praktijk", ["somberheid", "angst", "stress"])
        )
    return out
