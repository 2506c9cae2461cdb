"""Numbers as people type them in the search form: '15', '15 jaar', '15j' for an age; '6', '6 weken', '6,5 wk'
for a number of weeks (whole weeks, rounded down)."""

import re
import unicodedata

_NUMBER = re.compile(r"^\s*([0-9]{1,3})([.,][0-9]*)?\s*([a-z]*)\.?\s*$")
AGE_UNITS = ("jaar", "jr", "j")
WEEK_UNITS = ("weken", "week", "wk", "w")


def _whole(text: str | None, units: tuple[str, ...], decimals: bool) -> int | None:
    m = _NUMBER.match(unicodedata.normalize("NFKC", text or "").lower())
    if not m or (m.group(3) and m.group(3) not in units) or (m.group(2) and not decimals):
        return None
    return int(m.group(1))


def age(text: str | None) -> int | None:
    """An age in whole years from 0 to 120; None when the text is not one."""
    value = _whole(text, AGE_UNITS, decimals=False)
    return value if value is not None and 0 <= value <= 120 else None


def weeks(text: str | None, most: int = 104) -> int | None:
    """A number of whole weeks from 0 to `most`; None when the text is not one."""
    value = _whole(text, WEEK_UNITS, decimals=True)
    return value if value is not None and 0 <= value <= most else None
