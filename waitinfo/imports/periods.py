"""Periods as providers write them in a month, period or week column or as column headers: months (`okt-26`,
`oktober 2026`, `2026-10`, `01-10-2026`), quarters (`Q3 2026`, `2026-Q3`, `3e kwartaal 2026`, `kwartaal 3 2026`,
`K3 2026`) and ISO weeks (`week 40 2026`, `2026-W40`, `wk 40-2026`).

Figures are stored per month: a quarter as its last month (the measurement at the end of the quarter) unless a
peildatum inside it says otherwise, a week as the month that contains its Thursday (ISO 8601)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from waitinfo.imports.normalise import MONTHS, NormaliseError, parse_date

MONTH_NAMES_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | week
    year: int
    number: int  # month 1-12, quarter 1-4 or ISO week 1-53
    day: date | None = None  # a full date (`01-10-2026`): usable as peildatum
    month: date = field(init=False)  # the month the figure is stored as (without peildatum)
    first: date = field(init=False)
    last: date = field(init=False)

    def __post_init__(self):
        if self.kind == "month":
            first = date(self.year, self.number, 1)
            last = _month_end(first)
            month = first
        elif self.kind == "quarter":
            first = date(self.year, 3 * self.number - 2, 1)
            month = date(self.year, 3 * self.number, 1)
            last = _month_end(month)
        else:
            first = date.fromisocalendar(self.year, self.number, 1)
            last = date.fromisocalendar(self.year, self.number, 7)
            month = date.fromisocalendar(self.year, self.number, 4).replace(day=1)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "month", month)

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"kwartaal {self.number} {self.year}"
        if self.kind == "week":
            return f"week {self.number} {self.year}"
        return month_label(self.month)

    def stored_month(self, reference_date: date | None) -> tuple[date, str | None]:
        """(month to store, what was assumed in Dutch or None). A quarter with a peildatum inside it is stored
        as the peildatum's month."""
        if self.kind == "month":
            return self.month, None
        if self.kind == "week":
            return self.month, f"{self.label} opgeslagen als {month_label(self.month)} (de maand van de donderdag)."
        if reference_date is not None and self.first <= reference_date <= self.last:
            month = reference_date.replace(day=1)
            return month, f"{self.label} opgeslagen als {month_label(month)} (de maand van de peildatum)."
        if reference_date is not None:
            return self.month, (
                f"{self.label} opgeslagen als {month_label(self.month)} (de laatste maand van het kwartaal); de "
                f"peildatum {reference_date:%d-%m-%Y} ligt buiten het kwartaal, controleer die."
            )
        return self.month, (
            f"{self.label} opgeslagen als {month_label(self.month)} (de stand aan het eind van het kwartaal; "
            "geef een peildatum als het cijfer van een andere maand is)."
        )


def month_label(month: date) -> str:
    return f"{MONTH_NAMES_NL[month.month - 1]} {month.year}"


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _year(text: str) -> int:
    text = text.lstrip("'")
    return int(text) + 2000 if len(text) == 2 else int(text)


_Y = r"(\d{4}|'?\d{2})"
_YEAR4 = r"(\d{4})"
_MONTH_WORD = r"(jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?"
# Patterns searched inside a header or cell (lower case, spaces collapsed): (regex, kind, group of year, group of
# number). Quarters and weeks first: `2026-q3` must not read as a month.
_PATTERNS: tuple[tuple[re.Pattern, str, int, int], ...] = tuple(
    (re.compile(p), kind, y, n)
    for p, kind, y, n in (
        (rf"\b(?:q|k|kw)\s?([1-4])[\s/'-]*{_Y}\b", "quarter", 2, 1),
        (rf"\b{_YEAR4}[\s/-]*(?:q|k|kw)\s?([1-4])\b", "quarter", 1, 2),
        (rf"\b([1-4])\s?(?:e|de|ste)?\s?kwartaal[\s/'-]*{_Y}\b", "quarter", 2, 1),
        (rf"\bkwartaal\s?([1-4])[\s/'-]*{_Y}\b", "quarter", 2, 1),
        (rf"\b(?:week|wk|w)\s?\.?\s?(\d{{1,2}})[\s/,'-]*{_YEAR4}\b", "week", 2, 1),
        (rf"\b{_YEAR4}[\s/-]*(?:w|wk|week)\s?(\d{{1,2}})\b", "week", 1, 2),
        (rf"\b(\d{{1,2}})[-/. ]{_MONTH_WORD}[-/. ]{_Y}\b", "day-name", 0, 0),
        (r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b", "day", 0, 0),
        (r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", "iso-day", 0, 0),
        (rf"\b{_MONTH_WORD}[\s/'-]*{_Y}\b", "month-name", 2, 1),
        (r"\b(\d{4})[-/.](\d{1,2})\b", "month", 1, 2),
        (r"\b(\d{1,2})[-/](\d{4})\b", "month", 2, 1),
        (r"\b(20\d{2})(0[1-9]|1[0-2])\b", "month", 1, 2),
    )
)


def find_period(value) -> tuple[Period, str, str] | None:
    """The period written in a header or cell -> (period, the text that named it, the rest of the text), or None.
    Date cells (Excel) are months with their day; numbers are never periods here."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Period("month", value.year, value.month, day=value), str(value), ""
    if value is None or isinstance(value, (int, float)):
        return None
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    low = text.lower()
    for pattern, kind, y, n in _PATTERNS:
        m = pattern.search(low)
        if m is None:
            continue
        try:
            period = _period(m, kind, y, n)
        except ValueError:
            continue
        if period is None:
            continue
        rest = (text[: m.start()] + " " + text[m.end() :]).strip(" -_/|,;:")
        return period, text[m.start() : m.end()], re.sub(r"\s+", " ", rest)
    return None


def _period(m: re.Match, kind: str, y: int, n: int) -> Period | None:
    if kind in ("day", "day-name", "iso-day"):
        day = parse_date(m[0], "periode")
        return Period("month", day.year, day.month, day=day)
    if kind == "month-name":
        if m[n] not in MONTHS:
            return None
        return Period("month", _year(m[y]), MONTHS[m[n]])
    year, number = _year(m[y]), int(m[n])
    if not 2000 <= year <= 2100:
        return None
    if kind == "month" and not 1 <= number <= 12:
        return None
    return Period(kind, year, number)


def parse_period(value, fieldname: str = "month") -> Period | None:
    """A whole cell that names a month, quarter or week; Excel serial numbers and dates are months."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Period):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value)) if float(value).is_integer() else str(value)
        if re.fullmatch(r"20\d{2}(0[1-9]|1[0-2])", text):  # 202610 typed as a number
            return Period("month", int(text[:4]), int(text[4:]))
        try:
            day = parse_date(value, fieldname)
        except NormaliseError:
            day = None
        if day is not None:
            return Period("month", day.year, day.month, day=day)
    else:
        found = find_period(value)
        if found is not None and not re.sub(r"[^a-z0-9]", "", found[2].lower()):
            return found[0]
        try:  # `46329` as text, `2026-10-01T00:00:00`
            day = parse_date(value, fieldname)
        except NormaliseError:
            day = None
        if day is not None:
            return Period("month", day.year, day.month, day=day)
    raise NormaliseError(
        fieldname,
        f"Periode '{value}' niet begrepen; schrijf een maand (2026-10 of okt-26), een kwartaal (Q3 2026) of een "
        "week (week 40 2026).",
    )
