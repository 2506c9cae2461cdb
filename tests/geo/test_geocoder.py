"""The geocoder: PDOK Locatieserver via a local fake, a database cache, offline fallback, outside Twente."""

from waitinfo.geo.models import GeocodeCache
from waitinfo.geo.pc4 import split_postcode
from waitinfo.geo.service import geocode_address, normalise_postcode


def test_normalise_postcode():
    assert normalise_postcode("7607gh") == "7607 GH"
    assert normalise_postcode(" 7607  GH ") == "7607 GH"
    assert normalise_postcode("76070GH") is None


def test_postcodes_as_people_paste_them():
    """Hyphens, a country prefix, the place behind it, full-width digits; run-on digits or letters are no
    postcode, nor is one with a leading 0."""
    full = (
        "7607-GH",
        "NL-7607 GH",
        "nl7607gh",
        "7607 GH Almelo",
        "7607GH, Almelo",
        "7607 gh.",
        "\uff17\uff16\uff10\uff17 GH",
    )
    for typed in full:
        assert normalise_postcode(typed) == "7607 GH", typed
        assert split_postcode(typed) == ("7607", "GH"), typed
    for typed in ("7607", "7607 Almelo", "NL 7607"):
        assert split_postcode(typed) == ("7607", None), typed
        assert normalise_postcode(typed) is None, typed
    for typed in ("76070", "7607GHX", "0607 GH", "Almelo 7607", "760", "Hengelosestraat 5", ""):
        assert split_postcode(typed) is None, typed


def test_pasted_postcodes_resolve_offline(db, offline_pdok):
    for typed in ("NL-7607 GH", "7607-gh", "7607 GH Almelo", "7607 Almelo"):
        result = geocode_address(db, typed)
        assert result.found and result.source == "pc4" and result.municipality_code == "GM0141", typed


def test_postcode_from_pdok_then_cache(db, fake_pdok):
    first = geocode_address(db, "7607 gh")
    assert first.found and first.source == "pdok"
    assert first.municipality_code == "GM0141" and first.municipality_name == "Almelo"
    assert abs(first.latitude - 52.3501) < 1e-6 and abs(first.longitude - 6.6712) < 1e-6
    assert fake_pdok.calls[-1]["q"] == "7607GH" and fake_pdok.calls[-1]["fq"] == "type:postcode"
    assert db.get(GeocodeCache, "postcode:7607 gh") is not None
    calls = len(fake_pdok.calls)
    again = geocode_address(db, "7607GH")
    assert again.found and again.source == "cache" and again.municipality_code == "GM0141"
    assert len(fake_pdok.calls) == calls  # answered from the cache table, not the network


def test_outside_twente_gives_clear_message(db, fake_pdok):
    result = geocode_address(db, "1012 AB")
    assert result.status == "outside" and not result.found
    assert "Amsterdam" in result.message and "buiten Twente" in result.message and "1012 AB" in result.message


def test_unknown_postcode_is_not_found_and_cached(db, fake_pdok):
    result = geocode_address(db, "9999 ZZ")
    assert result.status == "not_found" and "9999 ZZ" in result.message
    cached = db.get(GeocodeCache, "postcode:9999 zz")
    assert cached is not None and cached.result is None


def test_place_names_need_no_network(db, offline_pdok):
    place = geocode_address(db, "vriezenveen")
    assert place.found and place.source == "place" and place.municipality_code == "GM1700"
    muni = geocode_address(db, "Hof van Twente")
    assert muni.found and muni.source == "municipality" and muni.municipality_code == "GM1735"


def test_offline_postcode_falls_back_to_its_area(db, offline_pdok):
    for typed in ("7607 GH", "7607gh", "7607"):
        result = geocode_address(db, typed)
        assert result.found and result.source == "pc4" and result.municipality_code == "GM0141", typed
        assert result.label == "postcode 7607 (Almelo)"
    assert db.get(GeocodeCache, "postcode:7607 gh") is None  # an outage is never cached as "not found"
    outside = geocode_address(db, "1012 AB")  # no area in the shipped table and no geocoder: says so
    assert outside.status == "unavailable" and "1012 AB" in outside.message and "gemeente" in outside.message


def test_invalid_input(db, offline_pdok):
    assert geocode_address(db, "").status == "invalid"
    unknown = geocode_address(db, "9999")
    assert unknown.status == "not_found" and "Postcode 9999 kennen we niet" in unknown.message
