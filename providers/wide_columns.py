"""What a header cell of a wide wait file names: a period (`okt-26`, `Q3 2026`, `jul-sep 2026`, a date cell), a
month without a year (`jan`, with a `Jaar` column or a year in the title), a main diagnosis group (`PTSS`,
`Angststoornissen`, `Diagnose nog niet gesteld`), or a group and a period together; besides it at most a wait part
(`Aanmeldwachttijd okt-26`, `Angst aanmelding`) and a unit (`(dagen)`). Used by `providers.wide_layout`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from waitinfo.imports.diagnosis_names import GROUP_NAMES, diagnosis_code
from waitinfo.imports.periods import Period, find_month_only, find_period
from waitinfo.imports.vocabulary import PART_FIELDS, PART_WORDS, WAIT_ALIASES, header_unit
from waitinfo.providers.tabular import Aliases, header_key, match_headers

_LONG = [(header_key(n), f) for f in PART_FIELDS for n in WAIT_ALIASES[f] if len(header_key(n)) >= 5]
_SHORT = _LONG + [(header_key(n), f) for f, names in PART_WORDS.items() for n in names]
_PART_KEYS = dict(reversed(_SHORT))  # a whole text that is a wait part -> its field
_GROUP_KEYS = sorted(  # (key, name); a name as providers write it wins over the code (`ADHD` over `adhd`)
    {header_key(n): n for n in GROUP_NAMES if len(header_key(n)) >= 3}.items(), key=lambda g: -len(g[0])
)
_UNIT_IN_TEXT = re.compile(r"\b(?:in|per)\s+(dagen|weken|maanden)\b|\((dagen|weken|maanden|dgn|wk|mnd)\.?\)")
_UNIT_OF = {"dagen": "days", "dgn": "days", "weken": "weeks", "wk": "weeks", "maanden": "months", "mnd": "months"}
# Headings of these kinds count only when a row has at least two of them (`ADHD` or `Mei` alone is no layout).
MIN_GROUPS = MIN_MONTHS = 2


def blank(value) -> bool:
    return value is None or str(value).strip() == ""


def part_of(text, short: bool = True) -> str | None:
    """The one wait part (field) a header, sub-header or title names; None when it names none or several
    (`Aanmeld- en behandelwachttijd`). Titles (`short=False`) count only full header names."""
    k = header_key(text).replace("aanmeldstop", "")
    spans = []
    for name, fieldname in _SHORT if short else _LONG:
        start = k.find(name)
        while start >= 0:
            spans.append((start, start + len(name), fieldname))
            start = k.find(name, start + 1)
    kept = {f for s, e, f in spans if not any(o[0] <= s and e <= o[1] and o[1] - o[0] > e - s for o in spans)}
    return kept.pop() if len(kept) == 1 else None


def unit_of(text) -> str | None:
    """days | weeks | months named in a header or title (`(dagen)`, `in weken`), else None."""
    unit = header_unit(text)
    if unit is None and (m := _UNIT_IN_TEXT.search(str(text or "").lower())):
        unit = _UNIT_OF[m[1] or m[2]]
    return unit


def group_of(text) -> tuple[str, str | None] | None:
    """(the diagnosis group as the row will carry it, the wait part named beside it or None) for a header that
    names a main diagnosis group (`PTSS`, `PTSS (weken)`, `Angst aanmelding`, `Behandelwachttijd ADHD`)."""
    if not isinstance(text, str) or not header_key(text):
        return None
    bare = re.sub(r"\(.*?\)", "", text).strip(" -_/|,;:")
    if diagnosis_code(bare) is not None:
        return bare, None
    k = header_key(text)
    for key, name in _GROUP_KEYS:
        at = k.find(key)
        if at >= 0 and (rest := k[:at] + k[at + len(key) :]) in _PART_KEYS:
            return name, _PART_KEYS[rest]
    return None


@dataclass(frozen=True)
class Heading:
    """What one header cell names besides a wait part and a unit."""

    period: Period | None  # a period with its year
    month: int | None  # a month without a year (`jan`)
    group: str | None  # a main diagnosis group
    written: str  # the period or month as written ('' for a group column)
    rest: str  # the rest of a period header: a wait part and/or unit, or ''
    part: str | None = None  # the part named beside a group (`Angst aanmelding`)

    @property
    def key(self) -> tuple:
        when = self.period.key if self.period else ("month", None, self.month) if self.month else None
        return when, self.group


def _heading(cell) -> Heading | None:
    if blank(cell):
        return None
    period = month = None
    if hit := find_period(cell):
        period, written, rest = hit
    elif hit := find_month_only(cell):
        month, written, rest = hit
    elif isinstance(cell, str):
        written, rest = "", cell.strip()
    else:
        return None
    if not header_key(rest) or (period or month) and (part_of(rest) or unit_of(rest)) and not group_of(rest):
        return Heading(period, month, None, written, rest) if period or month else None
    if found := group_of(rest):
        return Heading(period, month, found[0], written, "", found[1])  # a unit is read from the whole cell
    return None


def figure_columns(cells: list) -> dict[int, Heading]:
    """Column index -> heading, for the header cells that hold figures per period and/or diagnosis group."""
    found = {i: h for i, c in enumerate(cells) if (h := _heading(c)) is not None}
    if sum(1 for h in found.values() if h.period is None and h.month is None) < MIN_GROUPS:
        found = {i: h for i, h in found.items() if h.period or h.month}
    if sum(1 for h in found.values() if h.month) < MIN_MONTHS:
        found = {i: h for i, h in found.items() if not h.month}
    return found


def row_score(aliases: Aliases, confirmed: dict[str, str] | None = None):
    """How well a row fits as header: recognised headers plus figure columns (sheet choice, kind detection)."""

    def fits(cells: list) -> int:
        figures = figure_columns(cells)
        rest = [None if i in figures else c for i, c in enumerate(cells)]
        return len(match_headers(rest, aliases, confirmed)) + len(figures)

    return fits
