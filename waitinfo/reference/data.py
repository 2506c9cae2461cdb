"""Read the reference CSV files shipped in this package."""

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent

SUBREGIONS = {
    "almelo": (
        "Subregio Almelo",
        ["Almelo", "Hellendoorn", "Rijssen-Holten", "Twenterand", "Tubbergen", "Wierden", "Hof van Twente"],
    ),
    "enschede-hengelo": (
        "Subregio Enschede/Hengelo",
        ["Enschede", "Hengelo", "Borne", "Haaksbergen", "Losser", "Oldenzaal", "Dinkelland"],
    ),
}

# Terms of our own taxonomy under which wait figures are published as HSDS attributes.
WAIT_TERMS = [
    (
        "registration_wait_weeks",
        "Aanmeldwachttijd (weken)",
        "Weken van aanmelding tot intake (Treeknorm: ten hoogste 4 weken).",
    ),
    (
        "treatment_wait_weeks",
        "Behandelwachttijd (weken)",
        "Weken van intake tot start behandeling (Treeknorm: ten hoogste 10 weken).",
    ),
    ("waiting_count", "Aantal wachtenden", "Aantal mensen dat op de peildatum wacht op intake of behandeling."),
    ("wait_month", "Maand", "De maand waarover het cijfer gaat (JJJJ-MM)."),
    ("diagnosis_group", "Hoofddiagnosegroep", "Hoofddiagnosegroep waarvoor het cijfer geldt."),
    (
        "wait_method",
        "Meetmethode",
        "realised: gemiddelde gerealiseerde wachttijd over de laatste twee maanden; "
        "current: actuele wachttijd (derde vrije plek in de agenda).",
    ),
    ("reference_date", "Peildatum", "Datum waarop het cijfer is bepaald."),
    ("wait_kind", "Soort wachttijd", "ggz_specialist, ggz_basic, poh_ggz of social; nooit onderling vergelijken."),
]

# Dutch health insurers (public reference data), for contract reporting by providers.
INSURERS = [
    ("zilveren-kruis", "Zilveren Kruis"),
    ("vgz", "VGZ"),
    ("cz", "CZ"),
    ("menzis", "Menzis"),
    ("dsw", "DSW"),
    ("onvz", "ONVZ"),
    ("zorg-en-zekerheid", "Zorg en Zekerheid"),
    ("eno", "ENO"),
    ("caresq", "Caresq"),
]

CAPACITY_UNITS = [
    ("places", "plaatsen"),
    ("intake_slots_week", "intakeplekken per week"),
    ("beds", "bedden"),
    ("sessions_week", "gesprekken per week"),
]


def rows(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def municipalities() -> list[dict[str, str]]:
    return rows("twente_municipalities.csv")


def places() -> list[dict[str, str]]:
    return rows("twente_places.csv")


def needs() -> list[dict[str, str]]:
    return rows("needs.csv")


def diagnosis_groups() -> list[dict[str, str]]:
    return rows("diagnosis_groups.csv")
