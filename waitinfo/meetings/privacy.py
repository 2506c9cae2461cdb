"""One check for every free-text field of the transfer table: no BSN, dates of birth, 06 numbers or private e-mail.

The table works with counts and organisational contacts only. The check is a pattern check (it cannot see a name),
so forms also show `WARNING`; what it finds is refused with a Dutch message that says what to change.
"""

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization

WARNING = (
    "Schrijf hier nooit gegevens van cliënten: geen namen, geboortedata, BSN, telefoonnummers of e-mailadressen "
    "van personen. Alleen aantallen en contactgegevens van organisaties."
)
# Mail providers for private persons: an address there is only allowed when it is an organisation's own address.
PRIVATE_MAIL = {
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.nl",
    "outlook.com",
    "outlook.nl",
    "live.nl",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.nl",
    "icloud.com",
    "me.com",
    "ziggo.nl",
    "kpnmail.nl",
    "planet.nl",
    "home.nl",
    "xs4all.nl",
    "hetnet.nl",
    "casema.nl",
    "proton.me",
    "protonmail.com",
}
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
MONTH_NUMBER = {
    name: i + 1
    for i, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
# Nine digits, written together or in groups (1234.56.782, 111 222 333), not part of a longer number.
BSN_RE = re.compile(r"(?<![\d,])(?<![\d][ .-])\d(?:[ .-]?\d){8}(?!\d|[ .-]\d)")
NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"
)
WORD_DATE_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({MONTHS})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
BIRTH_WORDS_RE = re.compile(r"\b(geboren|geb\.|geb\b|geboortedatum|geboortedag|gebdat|dob)", re.IGNORECASE)
MOBILE_RE = re.compile(r"(?<![\d+])(?:\+31|0031|0)[\s-]?\(?0?\)?[\s-]?6(?:[\s-]?\d){8}(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)


def elfproef(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _dates(text: str) -> Iterable[tuple[date | None, int, int]]:
    """Full dates in the text with their span; None when the numbers are no real date."""
    for m in NUMERIC_DATE_RE.finditer(text):
        if m.group(4):
            y, mo, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
        else:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if y < 100:
                y += 1900 if y > 30 else 2000
        yield _safe_date(y, mo, d), m.start(), m.end()
    for m in WORD_DATE_RE.finditer(text):
        yield _safe_date(int(m.group(3)), MONTH_NUMBER[m.group(2).lower()], int(m.group(1))), m.start(), m.end()


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_personal_data(text: str, today: date, allowed: "AllowedContacts") -> str | None:
    """What in `text` looks like personal data of a client (Dutch, for the message), or None."""
    if not text:
        return None
    for m in BSN_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if elfproef(digits):
            return f"een burgerservicenummer ({m.group(0)})"
    for day, start, end in _dates(text):
        if day is None:
            continue
        near = text[max(0, start - 40) : end + 10]
        if BIRTH_WORDS_RE.search(near):
            return f"een geboortedatum ({text[start:end]})"
        if day.year < today.year - 1 or (
            day.year == today.year - 1 and (day.month, day.day) < (today.month, today.day)
        ):
            return f"een datum van meer dan een jaar geleden, mogelijk een geboortedatum ({text[start:end]})"
    m = MOBILE_RE.search(text)
    if m:
        return f"een mobiel nummer van een persoon ({m.group(0).strip()})"
    for m in EMAIL_RE.finditer(text):
        if not allowed.allows(m.group(0)):
            return f"een e-mailadres buiten de domeinen van de organisaties ({m.group(0)})"
    return None


class AllowedContacts:
    """The e-mail domains of the organisations (website and e-mail) and their exact addresses."""

    def __init__(self, domains: Iterable[str] = (), addresses: Iterable[str] = ()):
        self.domains = {d.lower().removeprefix("www.") for d in domains if d}
        self.addresses = {a.lower() for a in addresses if a}

    def allows(self, email: str) -> bool:
        email = email.lower()
        if email in self.addresses:
            return True
        domain = email.rsplit("@", 1)[-1]
        if domain in PRIVATE_MAIL:
            return False
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


def allowed_contacts(session: Session, extra_addresses: Iterable[str] = ()) -> AllowedContacts:
    """Domains of every organisation's website and e-mail address (a small table; read per form post)."""
    domains, addresses = set(), set(extra_addresses)
    for website, email in session.execute(select(Organization.website, Organization.email)).all():
        if website:
            host = urlsplit(website if "://" in website else f"https://{website}").hostname
            if host and host.removeprefix("www.") not in PRIVATE_MAIL:
                domains.add(host)
        if email and "@" in email:
            addresses.add(email)
            domain = email.rsplit("@", 1)[1].lower()
            if domain not in PRIVATE_MAIL:
                domains.add(domain)
    return AllowedContacts(domains, addresses)


def message(found: str) -> str:
    return (
        f"Deze tekst lijkt persoonsgegevens te bevatten: {found}. Op de transfertafel staan alleen aantallen en "
        "contactgegevens van organisaties. Haal dit weg of schrijf het algemener, en sla opnieuw op."
    )


def check(values: dict[str, str | None], today: date, allowed: AllowedContacts) -> dict[str, str]:
    """{field: Dutch message} for every free-text field that looks like it holds personal data."""
    errors = {}
    for name, text in values.items():
        found = find_personal_data(text or "", today, allowed)
        if found:
            errors[name] = message(found)
    return errors
