"""The pure normalisation functions that the import pipeline and the provider portal share."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from waitinfo.imports.normalise import (
    NormaliseError,
    parse_age_range,
    parse_bool,
    parse_date,
    parse_int,
    parse_method,
    parse_opening_hours,
    parse_service_area,
    parse_weeks,
    resolve_municipality,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,5", (Decimal("7.5"), None)),
        ("<1", (Decimal("0.5"), "<1")),
        ("2-4", (Decimal("4.0"), "2-4")),
        ("geen", (Decimal("0"), "geen")),
        ("n.v.t.", (None, "n.v.t.")),
        ("", (None, None)),
        (None, (None, None)),
        (6, (Decimal("6.0"), None)),
        ("3 weken", (Decimal("3.0"), None)),
    ],
)
def test_parse_weeks(text, expected):
    assert parse_weeks(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-2", "Negatieve wachttijd '-2' is niet mogelijk; vul 0 of meer weken in."),
        ("twee", "'twee' is geen aantal weken; gebruik een getal zoals 6 of 7,5."),
        ("4-2", "Bereik '4-2' klopt niet; schrijf bijvoorbeeld 2-4."),
    ],
)
def test_parse_weeks_rejects(text, message):
    with pytest.raises(NormaliseError) as exc:
        parse_weeks(text, "Aanmeldwachttijd")
    assert (exc.value.field, exc.value.message) == ("Aanmeldwachttijd", message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01-10-2026", date(2026, 10, 1)),
        ("2026-10-14", date(2026, 10, 14)),
        ("1/2/2027", date(2027, 2, 1)),
        (datetime(2026, 10, 14, 0, 0), date(2026, 10, 14)),
        (date(2026, 1, 5), date(2026, 1, 5)),
        (46309, date(2026, 10, 14)),
        ("46309", date(2026, 10, 14)),
        ("14 oktober 2026", date(2026, 10, 14)),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31-09-2026", "2026-13-01", "29-02-2026", "morgen"])
def test_parse_date_rejects_impossible(value):
    with pytest.raises(NormaliseError):
        parse_date(value)


def test_ages_bools_methods_ints():
    assert parse_age_range("18+") == (18, None)
    assert parse_age_range("18 - 99") == (18, 99)
    assert parse_age_range("vanaf 18") == (18, None)
    assert parse_age_range("tot 65") == (None, 65)
    assert [parse_bool(v) for v in ("ja", "Ja", "nee", "NEE", "ja (huisarts)", "")] == [
        True,
        True,
        False,
        False,
        True,
        None,
    ]
    assert parse_method("gerealiseerd") == "realised"
    assert parse_method("Derde vrije plek") == "current"
    assert parse_method("actueel") == "current"
    assert parse_method("", default="current") == "current"
    assert parse_int("12") == 12 and parse_int("") is None
    with pytest.raises(NormaliseError):
        parse_int("twee")


def test_municipalities(db):
    assert resolve_municipality(db, "Hengelo (Ov)") == "GM0164"
    assert resolve_municipality(db, "hof-van-twente") == "GM1735"
    assert resolve_municipality(db, "Hof van  Twente") == "GM1735"
    assert resolve_municipality(db, "RIJSSEN-HOLTEN") == "GM1742"
    assert resolve_municipality(db, "Rijssen Holten") == "GM1742"
    assert resolve_municipality(db, "Goor") == "GM1735"
    assert resolve_municipality(db, "GM0153") == "GM0153"
    with pytest.raises(NormaliseError) as exc:
        resolve_municipality(db, "Losserr")
    assert exc.value.message == "Onbekende gemeente of plaats 'Losserr'. Bedoelt u Losser?"
    with pytest.raises(NormaliseError) as exc:
        resolve_municipality(db, "Deventer")
    assert "buiten Twente" in exc.value.message
    assert len(parse_service_area(db, "heel Twente")) == 14
    assert parse_service_area(db, "Losser, Dinkelland; Oldenzaal") == ["GM0168", "GM1774", "GM0173"]


def test_opening_hours():
    assert parse_opening_hours("ma-vr 10:00-16:00") == [
        {"byday": "MO,TU,WE,TH,FR", "opens_at": time(10), "closes_at": time(16)}
    ]
    assert parse_opening_hours("ma, wo, vr 13:00-17:00; za 10:00-13:00") == [
        {"byday": "MO,WE,FR", "opens_at": time(13), "closes_at": time(17)},
        {"byday": "SA", "opens_at": time(10), "closes_at": time(13)},
    ]
    assert parse_opening_hours("ma-do 10-15") == [{"byday": "MO,TU,WE,TH", "opens_at": time(10), "closes_at": time(15)}]
    for ambiguous in ("24/7 chat", "dag en nacht, na aanmelding", "ma-vr 16:00-10:00", "op afspraak", ""):
        assert parse_opening_hours(ambiguous) is None
