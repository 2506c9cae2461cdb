"""The personal-data check on every free-text field of the transfer table."""

from datetime import date

import pytest

from tests import factories
from waitinfo.meetings import privacy
from waitinfo.meetings.privacy import AllowedContacts, allowed_contacts, check, elfproef, find_personal_data

TODAY = date(2026, 11, 15)
ORGS = AllowedContacts(["vechtdal.example"], ["praktijkdewei@gmail.com"])


def found(text: str):
    return find_personal_data(text, TODAY, ORGS)


def test_elfproef():
    assert elfproef("111222333")  # the textbook example: 9+8+7+12+10+8+9+6-3 = 66 = 6 x 11
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert not elfproef("000000000")


@pytest.mark.parametrize("text", ["BSN 123456782", "cliënt 1234.56.782 wacht", "nr 111 222 333", "BSN: 1234-56-782"])
def test_bsn_with_a_valid_check_digit_is_refused(text):
    assert "burgerservicenummer" in (found(text) or "")


@pytest.mark.parametrize(
    "text",
    [
        "kenmerk 123456789",
        "AGB 12345678",
        "postcode 7604 AB",
        "14 wachtenden, 16 weken",
        "tel 088-0000123",
        "4 5 6 7 8 9 10 11 12",
    ],
)
def test_numbers_that_are_no_bsn_pass(text):
    assert found(text) is None


@pytest.mark.parametrize(
    "text",
    ["geboren 12-03-1980", "geb. 3/4/75", "Geboortedatum: 1 januari 2001", "jongen (geb 01.02.2010)",
     "dhr. 14-02-1962 uit Almelo", "1980-03-12 aangemeld"],
)  # fmt: skip
def test_dates_of_birth_are_refused(text):
    assert "geboortedatum" in (found(text) or "")


@pytest.mark.parametrize("text", ["start 01-03-2027", "vanaf 2 december 2026", "sinds 15-06-2026", "week 12-13"])
def test_recent_and_future_dates_pass(text):
    assert found(text) is None


@pytest.mark.parametrize("text", ["bel 06-12345678", "+31 6 1234 5678", "tel 0031612345678", "06 12 34 56 78"])
def test_mobile_numbers_are_refused(text):
    assert "mobiel nummer" in (found(text) or "")


def test_organisation_phone_numbers_pass():
    assert found("Aanmeldteam 0546-123456 of 088-0000123") is None


@pytest.mark.parametrize("email", ["jan.jansen@gmail.com", "piet@hotmail.nl", "iemand@anderbedrijf.example"])
def test_private_and_unknown_email_is_refused(email):
    assert "e-mailadres" in (found(f"mail {email}") or "")


@pytest.mark.parametrize(
    "email", ["aanmelden@vechtdal.example", "team@almelo.vechtdal.example", "praktijkdewei@gmail.com"]
)
def test_organisation_email_is_accepted(email):
    assert found(f"Contact: {email}") is None


def test_domains_come_from_the_organisations_website_and_email(db):
    factories.organization(db, "GGZ Vechtdal (fictief)", website="https://www.vechtdal.example/over-ons")
    factories.organization(db, "Solo (fictief)", email="solo.praktijk@gmail.com")
    allowed = allowed_contacts(db)
    assert allowed.allows("info@vechtdal.example")
    assert allowed.allows("solo.praktijk@gmail.com")  # the organisation's own address
    assert not allowed.allows("someone.else@gmail.com")  # not the whole private mail domain


def test_check_gives_a_clear_dutch_message_per_field():
    errors = check({"title": "Groep angst", "conditions": "Voor mevr. X, BSN 123456782"}, TODAY, ORGS)
    assert list(errors) == ["conditions"]
    assert "burgerservicenummer (123456782)" in errors["conditions"]
    assert "Haal dit weg" in errors["conditions"]
    assert "Geen" not in privacy.WARNING and "geboortedata" in privacy.WARNING
