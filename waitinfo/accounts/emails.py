"""One spelling of an e-mail address: how it is stored, looked up and counted by the login limiter."""

import unicodedata


def normalise_email(value: str | None) -> str:
    """NFKC, surrounding whitespace removed, lower-case: " Naam@Org.NL" and "naam@org.nl" are one account."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()
