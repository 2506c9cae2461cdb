"""The one rule for links that providers enter and we publish: only http(s), mailto and tel.

Used where links come in (portal forms, imports, the push API) and again where they go out (HTML, HSDS, FHIR),
so a `javascript:` or `data:` link stored before this rule existed is still never published."""

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")
MAX_LENGTH = 2000
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def url_problem(value: str | None, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """A Dutch message when `value` is not an acceptable link, else None (an empty value is acceptable)."""
    if not value:
        return None
    if len(value) > MAX_LENGTH:
        return f"Deze link is te lang (meer dan {MAX_LENGTH} tekens). Gebruik een kortere link."
    if _CONTROL.search(value):
        return "Een link mag geen spaties of onzichtbare tekens bevatten. Controleer de link."
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        shown = ", ".join(f"{s}:" if s in ("mailto", "tel") else f"{s}://" for s in schemes)
        return f"Een link moet beginnen met {shown}; andere soorten links (zoals javascript:) zijn niet toegestaan."
    if scheme in WEB_SCHEMES and not parts.netloc:
        return "Deze link mist het adres van de website, bijvoorbeeld https://www.voorbeeld.nl."
    if scheme not in WEB_SCHEMES and not parts.path:
        return "Deze link is leeg na het begin. Vul een e-mailadres of telefoonnummer in."
    return None


def safe_url(value: str | None, schemes: tuple[str, ...] = ALLOWED_SCHEMES) -> str | None:
    """`value` when it may be published as a link, else None (for output: HTML, HSDS, FHIR)."""
    if value is None:
        return None
    value = value.strip()
    return value if value and url_problem(value, schemes) is None else None


def web_url(value: str | None) -> str | None:
    """A website as typed in a file: "www.x.nl" becomes "https://www.x.nl"; None when it is no safe web link."""
    text = (value or "").strip()
    if not text:
        return None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        text = f"https://{text}"
    return text if url_problem(text) is None else None
