"""The shapes of the JSON that providers' systems produce, flattened to one flat record per figure set: a list of
flat objects; an object holding such a list (`{"data": [...]}`, `{"vestigingen": [...]}`); and nested lists
(`{"vestigingen": [{"naam": ..., "wachttijden": [{"maand": ..., ...}]}]}`), where each inner object takes the
scalar values of the objects around it. A generic key of an outer object (`naam`, `name`, `code`, `agb`) is read
as what its list holds: the name of a `vestigingen` item is the location's name."""

from __future__ import annotations

import re

from waitinfo.providers.base import ReadError
from waitinfo.providers.sheets import explains

LIST_KEYS = ("items", "data", "rows", "records", "results", "resultaten", "wachttijden", "aanbod")
# Words of a list or object key -> what its items are, and how their generic keys are read.
CONTAINERS: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    (
        ("vestiging", "locatie", "location", "praktijk", "site", "locaties"),
        {
            "naam": "Vestiging",
            "name": "Vestiging",
            "code": "AGB-code vestiging",
            "agb": "AGB-code vestiging",
            "agbcode": "AGB-code vestiging",
            "id": "-",
            "adres": "Adres",
            "address": "Adres",
        },
    ),
    (
        ("aanbod", "dienst", "service", "programma", "program", "zorgprogramma"),
        {"naam": "Aanbod", "name": "Aanbod", "code": "-", "id": "-"},
    ),
    (
        ("diagnose", "diagnosis", "stoornis", "groep", "group"),
        {"naam": "Diagnosegroep", "name": "Diagnosegroep", "code": "Diagnosegroep", "id": "-"},
    ),
    (
        ("organisatie", "organization", "organisation", "aanbieder", "provider", "instelling", "zorgaanbieder"),
        {
            "naam": "-",
            "name": "-",
            "agb": "AGB-code onderneming",
            "agbcode": "AGB-code onderneming",
            "code": "AGB-code onderneming",
            "id": "-",
        },
    ),
)
MAX_DEPTH = 6


def _generic(container: str, key: str) -> str:
    """`naam` under `vestigingen` -> `Vestiging`; a key that is not generic is kept."""
    k = re.sub(r"[^a-z]", "", key.lower())
    c = re.sub(r"[^a-z]", "", container.lower())
    for words, generic in CONTAINERS:
        if any(c.startswith(w) for w in words) and k in generic:
            return generic[k]
    return key


def records(data) -> list[dict]:
    """Flat records of any accepted shape, or a ReadError that says what was expected."""
    if isinstance(data, dict):
        lists = [k for k, v in data.items() if _is_rows(v)]
        if not lists:
            raise ReadError(
                "Het JSON-bestand bevat geen lijst met regels (objecten): verwacht een lijst, of een object met "
                'een lijst (bijvoorbeeld {"wachttijden": [...]} of {"vestigingen": [{"naam": ..., "wachttijden": '
                "[...]}]})."
            )
        data = [data]  # the outer object's own values (peildatum, organisatie) go with every record
    if not _is_rows(data):
        raise ReadError("Het JSON-bestand bevat geen lijst met regels (objecten).")
    out: list[dict] = []
    _flatten(data, {}, "", out, 0)
    return out


def _is_rows(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(r, dict) for r in value)


def _flatten(items: list[dict], inherited: dict, container: str, out: list[dict], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ReadError("De JSON is te diep genest om te lezen; lever een lijst met regels aan.")
    for item in items:
        own = dict(inherited)
        children: list[tuple[str, list]] = []
        for key, value in item.items():
            if _is_rows(value):
                if not explains(str(key)):  # "toelichting": [...], "definities": [...] hold no figures
                    children.append((key, value))
            elif isinstance(value, dict) and (measured := _measured(value)) is not None:
                own[key] = measured  # {"aanmeldwachttijd": {"waarde": 21, "eenheid": "dagen"}} -> "21 dagen"
            elif isinstance(value, dict):
                for inner, v in value.items():  # {"vestiging": {"naam": ..., "agb": ...}}
                    if not isinstance(v, dict | list):
                        own[_named(key, inner)] = v
            elif not isinstance(value, list):
                own[_generic(container, key) if container else key] = value
        if not children:
            out.append(own)
            continue
        for key, rows in sorted(children, key=lambda kv: kv[0] not in LIST_KEYS):
            _flatten(rows, own, key, out, depth + 1)
            break  # one list of figures per object; a second list (e.g. "opmerkingen") is not read


VALUE_KEYS = ("waarde", "value", "aantal", "getal", "amount", "count")
UNIT_KEYS = ("eenheid", "unit", "tijdseenheid", "units")


def _measured(value: dict):
    """A value with its unit as an object: the value with the unit behind it (a unit in a cell wins), or None
    when the object is not a value with a unit."""
    low = {re.sub(r"[^a-z]", "", str(k).lower()): v for k, v in value.items()}
    number = next((low[k] for k in VALUE_KEYS if k in low), None)
    if number is None or isinstance(number, dict | list) or not set(low) <= {*VALUE_KEYS, *UNIT_KEYS}:
        return None
    unit = next((low[k] for k in UNIT_KEYS if k in low), None)
    return f"{number} {unit}" if unit not in (None, "") else number


def _named(outer: str, inner: str) -> str:
    generic = _generic(outer, inner)
    return generic if generic != inner else f"{outer} {inner}"
