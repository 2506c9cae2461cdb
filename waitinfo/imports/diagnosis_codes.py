"""Main diagnosis groups from the classification code an EPD writes instead of a name: the DSM-5 code as used in
the Netherlands (ICD-10 `F41.1`, `F32.9`, also without the dot or with a DSM-5 label behind it). A bare number
(`1`, `05`) is no group: the numbering differs per system, so it is refused with its own message."""

from __future__ import annotations

import re

# (first, last) ICD-10 F-code as a number (F41.1 -> 411, three digits: category * 10 + first decimal) -> group.
# Ordered: the first range that holds the code wins; narrower ranges come first.
F_RANGES: tuple[tuple[int, int, str], ...] = (
    (340, 340, "bipolair"),  # cyclothymia
    (441, 443, "dissociatief"),  # dissociative amnesia, fugue, stupor
    (444, 447, "somatisch"),  # conversion disorder (DSM-5: somatic symptom and related)
    (448, 449, "dissociatief"),
    (481, 481, "dissociatief"),  # depersonalisation/derealisation
    (630, 630, "verslaving"),  # gambling disorder
    (930, 930, "angst"),  # separation anxiety
    (940, 940, "angst"),  # selective mutism
    (0, 99, "neurocognitief"),
    (100, 199, "verslaving"),
    (200, 299, "psychose"),
    (300, 319, "bipolair"),
    (320, 399, "depressie"),
    (400, 419, "angst"),
    (420, 429, "ocd"),
    (430, 439, "trauma"),
    (450, 459, "somatisch"),
    (500, 509, "eetstoornis"),
    (510, 519, "slaap"),
    (520, 529, "seksueel"),
    (600, 609, "persoonlijkheid"),
    (631, 639, "gedrag"),
    (640, 649, "gender"),
    (650, 659, "seksueel"),
    (840, 849, "autisme"),
    (700, 899, "ontwikkeling"),
    (900, 909, "adhd"),
    (910, 919, "gedrag"),
    (950, 959, "ontwikkeling"),  # tics
    (980, 989, "overig"),  # elimination disorders
    (680, 699, "overig"),
    (990, 999, "overig"),
)
F_CODE = re.compile(r"\s*(?:icd-?10\s*|dsm-?5\s*)?[Ff]\s?(\d{2})(?:\.?(\d))?[\dA-Za-z.]*(?:\s*[-:\s].*)?")


def classification_group(text: str) -> str | None:
    """The group of an ICD-10 F-code as DSM-5 codes are written in Dutch EPDs ('F41.1', 'F411', 'F32.9 Depressieve
    stoornis'), or None."""
    m = F_CODE.fullmatch(str(text))
    if not m:
        return None
    number = int(m[1]) * 10 + int(m[2] or 0)
    for first, last, code in F_RANGES:
        if first <= number <= last:
            return code
    return None


def bare_number(text: str) -> bool:
    """'1', '05', '12.' : a position in some list, not a group."""
    return re.fullmatch(r"\s*\d{1,3}\.?\s*", str(text)) is not None


def number_message(original: str) -> str:
    return (
        f"Diagnosegroep '{original}' is een nummer; nummers van diagnosegroepen verschillen per systeem en worden "
        "niet geraden. Schrijf de naam (bijvoorbeeld Angststoornissen), de code uit de landelijke lijst (angst, "
        "depressie, adhd, ...) of de DSM-5-code (F41.1)."
    )
