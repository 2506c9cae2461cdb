"""Opening hours in common Dutch notations -> HSDS weekly schedule slots; None when not unambiguous."""

from __future__ import annotations

import re
from datetime import time

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = {
    "ma": 0,
    "maa": 0,
    "maandag": 0,
    "di": 1,
    "din": 1,
    "dinsdag": 1,
    "wo": 2,
    "woe": 2,
    "woensdag": 2,
    "do": 3,
    "don": 3,
    "donderdag": 3,
    "vr": 4,
    "vrij": 4,
    "vrijdag": 4,
    "za": 5,
    "zat": 5,
    "zaterdag": 5,
    "zo": 6,
    "zon": 6,
    "zondag": 6,
}
_DAY = r"(?:" + "|".join(sorted(DAY_NAMES, key=len, reverse=True)) + r")\.?"
_TIME = r"\d{1,2}(?:[:.]\d{2})?"
_SEGMENT = re.compile(
    rf"^(?P<days>{_DAY}(?:\s*(?:-|t/m|tot en met|,|en|&)\s*{_DAY})*)\s*:?\s*"
    rf"(?:van\s+)?(?P<opens>{_TIME})\s*(?:-|–|tot)\s*(?P<closes>{_TIME})\s*(?:uur)?$"
)


def _time(text: str) -> time | None:
    parts = re.split(r"[:.]", text)
    hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    if hour == 24 and minute == 0:
        return time(23, 59)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _days(text: str) -> list[int] | None:
    tokens = re.findall(rf"{_DAY}|-|t/m|tot en met", text)
    days: list[int] = []
    pending_range = False
    for token in tokens:
        if token in ("-", "t/m", "tot en met"):
            pending_range = True
            continue
        day = DAY_NAMES[token.rstrip(".")]
        if pending_range and days:
            start = days[-1]
            if day <= start:
                return None
            days.extend(range(start + 1, day + 1))
        else:
            days.append(day)
        pending_range = False
    return sorted(set(days)) if days and not pending_range else None


def parse_opening_hours(text) -> list[dict] | None:
    """`ma-vr 10:00-16:00`, `ma, wo, vr 13:00-17:00; za 10:00-13:00`, `ma-do 10-15` -> slots
    [{"byday": "MO,TU,WE,TH,FR", "opens_at": time, "closes_at": time}]; anything else -> None (keep the text)."""
    if text is None:
        return None
    value = re.sub(r"\s+", " ", str(text).strip().lower())
    if not value:
        return None
    slots: list[dict] = []
    for segment in re.split(r"\s*[;\n|]\s*", value):
        if not segment:
            continue
        m = _SEGMENT.match(segment)
        if not m:
            return None
        days = _days(m["days"])
        opens, closes = _time(m["opens"]), _time(m["closes"])
        if days is None or opens is None or closes is None or closes <= opens:
            return None
        slots.append({"byday": ",".join(DAYS[d] for d in days), "opens_at": opens, "closes_at": closes})
    return slots or None
