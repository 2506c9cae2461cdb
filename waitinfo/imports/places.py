"""Municipality and place names as providers write them -> CBS codes of the 14 Twente municipalities."""

from __future__ import annotations

import difflib
import re
import unicodedata

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.imports.normalise import NormaliseError, split_list

# Well-known places and municipalities just outside Twente (and the big cities), so the error can say
# "outside Twente" instead of "unknown".
OUTSIDE_TWENTE = {
    "deventer",
    "zwolle",
    "apeldoorn",
    "raalte",
    "ommen",
    "hardenberg",
    "dalfsen",
    "olst-wijhe",
    "olst wijhe",
    "lochem",
    "berkelland",
    "eibergen",
    "neede",
    "borculo",
    "winterswijk",
    "oost gelre",
    "groenlo",
    "zutphen",
    "coevorden",
    "emmen",
    "kampen",
    "steenwijk",
    "staphorst",
    "nijmegen",
    "arnhem",
    "amsterdam",
    "rotterdam",
    "den haag",
    "'s-gravenhage",
    "utrecht",
    "eindhoven",
    "groningen",
    "tilburg",
    "breda",
    "almere",
    "leeuwarden",
    "assen",
    "zwartewaterland",
    "hof van salland",
    "wijhe",
    "gronau",
    "nordhorn",
    "bad bentheim",
    "bocholt",
}

TWENTE_WIDE = {
    "heel twente",
    "twente",
    "alle gemeenten",
    "alle twentse gemeenten",
    "regio twente",
    "geheel twente",
    "hele regio",
}


def key(name: str) -> str:
    """Comparison key: lower case, no accents, no `(Ov)`, hyphens as spaces, single spaces."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\((ov|o|ovl|overijssel)\.?\)", " ", s)
    s = re.sub(r"\b(gemeente|gem\.)\s+", "", s)
    s = re.sub(r"[-_/.,]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


_CACHE: dict[str, tuple[dict[str, str], dict[str, str]]] = {}


def _load(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """(key -> code, code -> official name); reference data is static, so cached for the process."""
    if "ref" not in _CACHE:
        lookup: dict[str, str] = {}
        names: dict[str, str] = {}
        for code, name in session.execute(text("select code, name from municipality")).all():
            lookup[key(name)] = code
            lookup[key(name).replace(" ", "")] = code
            lookup[code.lower()] = code
            lookup[code[2:]] = code
            names[code] = name
        for name, code in session.execute(text("select name, municipality_code from place")).all():
            lookup.setdefault(key(name), code)
            lookup.setdefault(key(name).replace(" ", ""), code)
        _CACHE["ref"] = (lookup, names)
    return _CACHE["ref"]


def municipality_names(session: Session) -> dict[str, str]:
    return _load(session)[1]


def resolve_municipality(session: Session, name, field: str = "gemeente") -> str:
    """`Hengelo (Ov)`, `hof-van-twente`, `Goor`, `GM0164` -> CBS code; unknown -> error with a suggestion."""
    original = "" if name is None else str(name).strip()
    if not original:
        raise NormaliseError(field, "Gemeente of plaats ontbreekt; vul een Twentse gemeente of plaats in.")
    lookup, names = _load(session)
    k = key(original)
    if k in lookup:
        return lookup[k]
    if k.replace(" ", "") in lookup:
        return lookup[k.replace(" ", "")]
    if re.fullmatch(r"gm\s?\d{4}", k):
        raise NormaliseError(
            field, f"Gemeentecode '{original}' ligt buiten Twente; waitinfo gaat alleen over de 14 Twentse gemeenten."
        )
    if k in OUTSIDE_TWENTE:
        raise NormaliseError(
            field, f"'{original}' ligt buiten Twente; waitinfo gaat alleen over de 14 Twentse gemeenten."
        )
    suggestion = _suggest(k, lookup, names)
    hint = f" Bedoelt u {suggestion}?" if suggestion else " Gebruik de naam van een Twentse gemeente of plaats."
    raise NormaliseError(field, f"Onbekende gemeente of plaats '{original}'.{hint}")


def _suggest(k: str, lookup: dict[str, str], names: dict[str, str]) -> str | None:
    candidates = [c for c in lookup if not c.startswith("gm") and not c.isdigit()]
    match = difflib.get_close_matches(k, candidates, n=1, cutoff=0.75)
    if not match:
        return None
    # Say the name as people write it: the official municipality name when the key is one, else the place.
    code = lookup[match[0]]
    if key(names[code]) == match[0] or key(names[code]).replace(" ", "") == match[0]:
        return names[code]
    return match[0].title()


def parse_service_area(session: Session, value, field: str = "gemeenten") -> list[str]:
    """`heel Twente` -> all 14 codes; a list of names/codes -> their codes (first error raised, all named)."""
    text_value = "" if value is None else str(value).strip()
    if isinstance(value, (list, tuple)):
        parts = [str(v).strip() for v in value if str(v).strip()]
    else:
        if key(text_value) in TWENTE_WIDE:
            return sorted(municipality_names(session))
        parts = split_list(text_value)
    if any(key(p) in TWENTE_WIDE for p in parts):
        return sorted(municipality_names(session))
    codes: list[str] = []
    problems: list[str] = []
    for part in parts:
        try:
            code = resolve_municipality(session, part, field)
        except NormaliseError as exc:
            problems.append(exc.message)
            continue
        if code not in codes:
            codes.append(code)
    if problems:
        raise NormaliseError(field, " ".join(problems))
    return codes
