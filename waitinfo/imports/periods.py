"""Periods as providers write them in a month, period or week column or as column headers: months (`okt-26`,
`oktober 2026`, `2026-10`, `01-10-2026`), quarters (`Q3 2026`, `2026-Q3`, `3e kwartaal 2026`, `kwartaal 3 2026`,
`K3 2026`), ranges of months (`jul-sep 2026`, `juli t/m september 2026`, `jul - sep 26`) and ISO weeks (`week 40
2026`, `2026-W40`, `wk 40-2026`). A month without a year (`okt`, `10`) takes the year of a `Jaar` column or of the
title above the header (`month_in_year`, `title_year`); without one the row is refused.

Figures are stored per month: a quarter or range as its last month (the measurement at the end of it) unless a
peildatum inside it says otherwise, a week as the month that contains its Thursday (ISO 8601)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from waitinfo.imports.normalise import MONTHS, NormaliseError, parse_date
from waitinfo.waits.rules import MONTHS_NL

MONTH_NAMES_NL = MONTHS_NL  # one list of Dutch month names (waitinfo.waits.rules)


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | range | week
    year: int
    number: int  # month 1-12 (a range: its last month), quarter 1-4 or ISO week 1-53
    day: date | None = None  # a full date (`01-10-2026`): usable as peildatum
    span: int = 1  # a range: the number of months it covers
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
        elif self.kind == "range":
            month = date(self.year, self.number, 1)
            before = self.year * 12 + self.number - self.span  # months since year 0 of the first month, minus one
            first, last = date(before // 12, before % 12 + 1, 1), _month_end(month)
        else:
            first = date.fromisocalendar(self.year, self.number, 1)
            last = date.fromisocalendar(self.year, self.number, 7)
            month = date.fromisocalendar(self.year, self.number, 4).replace(day=1)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "month", month)

    @property
    def key(self) -> tuple:
        """What tells two periods apart (a date cell and the month it lies in are the same period)."""
        return self.kind, self.year, self.number, self.span

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"kwartaal {self.number} {self.year}"
        if self.kind == "range":
            start = MONTH_NAMES_NL[self.first.month - 1] + (
                "" if self.first.year == self.year else f" {self.first.year}"
            )
            return f"{start} t/m {month_label(self.month)}"
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
        what = "het kwartaal" if self.kind == "quarter" else "de periode"
        if reference_date is not None and self.first <= reference_date <= self.last:
            month = reference_date.replace(day=1)
            return month, f"{self.label} opgeslagen als {month_label(month)} (de maand van de peildatum)."
        if reference_date is not None:
            return self.month, (
                f"{self.label} opgeslagen als {month_label(self.month)} (de laatste maand van {what}); de "
                f"peildatum {reference_date:%d-%m-%Y} ligt buiten {what}, controleer die."
            )
        return self.month, (
            f"{self.label} opgeslagen als {month_label(self.month)} (de stand aan het eind van {what}; "
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
_TO = r"\s*(?:-|\u2013|/|t/m|tm|tot en met|tot)\s*"  # `jul-sep`, `juli t/m september`, `jul - sep`
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
        (rf"\b{_MONTH_WORD}[\s/'-]*{_Y}{_TO}{_MONTH_WORD}[\s/'-]*{_Y}\b", "range-years", 0, 0),
        (rf"\b{_MONTH_WORD}{_TO}{_MONTH_WORD}[\s/'-]*{_Y}\b", "range", 3, 2),
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
    if kind in ("range", "range-years"):
        if kind == "range":
            start, end, year = m[1], m[2], _year(m[3])
            start_year = year if MONTHS.get(start, 13) <= MONTHS.get(end, 0) else year - 1
        else:
            start, start_year, end, year = m[1], _year(m[2]), m[3], _year(m[4])
        if start not in MONTHS or end not in MONTHS or not 2000 <= year <= 2100:
            return None
        span = (year * 12 + MONTHS[end]) - (start_year * 12 + MONTHS[start]) + 1
        if not 1 <= span <= 12:
            return None
        return Period("month" if span == 1 else "range", year, MONTHS[end], span=1 if span == 1 else span)
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
    if month_only(value) is not None:
        raise NormaliseError(fieldname, NO_YEAR.format(value=str(value).strip()))
    raise NormaliseError(
        fieldname,
        f"Periode '{value}' niet begrepen; schrijf een maand (2026-10 of okt-26), een kwartaal (Q3 2026), een "
        "reeks maanden (jul-sep 2026) of een week (week 40 2026).",
    )


NO_YEAR = (
    "Maand '{value}' zonder jaar; deze regel is niet verwerkt. Zet het jaar bij de maand (okt-26 of 2026-10), in "
    "een kolom 'Jaar', of in een titelregel boven de kopregel (bijvoorbeeld 'Wachttijden 2026')."
)
# Whole month names and abbreviations (a header `Maand` or `Maart` must not read as a month by its first letters).
_MONTH_ONLY = {
    **{name: i for i, name in enumerate(MONTH_NAMES_NL, start=1)},
    **MONTHS,
    "sept": 9,
    "october": 10,
}
_MONTH_ONLY.pop("maa")
_MONTH_IN_TEXT = re.compile(r"\b(" + "|".join(sorted(_MONTH_ONLY, key=len, reverse=True)) + r")\b\.?")


def month_only(value) -> int | None:
    """1-12 for a month without a year (`okt`, `oktober`, `10`, 10), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and 1 <= value <= 12 else None
    text = str(value).strip().lower().rstrip(".")
    if re.fullmatch(r"0?[1-9]|1[0-2]", text):
        return int(text)
    return _MONTH_ONLY.get(text)


def find_month_only(text) -> tuple[int, str, str] | None:
    """(month, the word that named it, the rest) for a header naming a month without a year (`jan`, `Aanmelding
    feb`); None when the text names a year too or no month."""
    if not isinstance(text, str) or find_period(text) is not None:
        return None
    m = _MONTH_IN_TEXT.search(text.lower())
    if m is None:
        return None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip(" -_/|,;:")
    return _MONTH_ONLY[m[1]], text[m.start() : m.end()], re.sub(r"\s+", " ", rest)


_TITLE_YEAR = re.compile(r"(?<![\d/.-])(20\d{2})(?![\d/.-]\d)")


def title_year(texts: list) -> int | None:
    """The one year the title rows above a header name (`Wachttijden 2026`); dates (`export 2026-12-02`) do not
    count. None when they name none or several."""
    years = {int(y) for t in texts if isinstance(t, str) for y in _TITLE_YEAR.findall(t)}
    return years.pop() if len(years) == 1 else None


def month_in_year(month, year) -> tuple[object, tuple[str, str] | None]:
    """The month value of a row with a separate year (`Jaar` 2026, `Maand` okt/10/oktober) as one period text
    (`oktober 2026`), or (value, (field, message)) when it cannot be read. A month that names its own year stays."""
    number = month_only(month)
    if number is None:
        if re.fullmatch(r"\d{1,2}", str(month).strip()) and not isinstance(month, float):
            return month, ("month", f"Maand '{month}' niet begrepen; schrijf 1 t/m 12 of de naam (okt, oktober).")
        return month, None
    if year is None or str(year).strip() == "":
        return month, ("month", NO_YEAR.format(value=str(month).strip()))
    text = str(int(year)) if isinstance(year, float) and year.is_integer() else str(year).strip()
    if not re.fullmatch(r"20\d{2}", text):
        return month, ("year", f"Jaar '{text}' niet begrepen; schrijf het jaar voluit, bijvoorbeeld 2026.")
    return f"{MONTH_NAMES_NL[number - 1]} {text}", None


# A reference date or month named in the title block of an export ("Stand per 1 november 2026", "Peildatum:
# 01-11-2026", "Wachttijden oktober 2026"), for files without a date or month column. Export stamps do not count.
_TITLE_DATE = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?!\d)"
    r"|\d{1,2}\s+[a-zA-Z]{3,9}\.?\s+\d{4})"
)
_STAMP_WORDS = re.compile(
    r"(?i)\b(export|ge[eë]xporteerd|gemaakt|aangemaakt|gegenereerd|afgedrukt|print|uitgevoerd|versie)"
)


def title_date(texts: list) -> tuple[object, str] | None:
    """(a date, or a period text such as "oktober 2026", and the title it came from) when the title rows name
    exactly one reference date or month; None when they name none, several, or only an export stamp."""
    from waitinfo.imports.normalise import NormaliseError, parse_date

    dates: dict = {}
    for text in texts:
        if not isinstance(text, str) or _STAMP_WORDS.search(text):
            continue
        for found in _TITLE_DATE.findall(text):
            try:
                dates.setdefault(parse_date(found.strip()), text)
            except NormaliseError:
                continue
    if len(dates) == 1:
        ((day, text),) = dates.items()
        return day, text
    if dates:
        return None
    months: dict = {}
    for text in texts:
        if not isinstance(text, str) or _STAMP_WORDS.search(text):
            continue
        found = find_period(text)
        if found is not None and found[0].kind == "month":
            months.setdefault(found[0].month, (found[1], text))
    if len(months) == 1:
        ((_, (period_text, text)),) = months.items()
        return period_text, text
    return None
