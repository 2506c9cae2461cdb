"""Ages and weeks as GPs type them in the search form (waitinfo.search.typed)."""

import pytest

from waitinfo.search import typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15", 15), ("15 jaar", 15), ("15j", 15), ("15 jr.", 15), (" 15 ", 15), ("\uff11\uff15", 15), ("0", 0)],
)
def test_ages_as_typed(text, expected):
    assert typed.age(text) == expected


@pytest.mark.parametrize("text", ["15,5", "vijftien", "121", "-1", "15 weken", "", None, "1500"])
def test_not_an_age(text):
    assert typed.age(text) is None


@pytest.mark.parametrize(
    ("text", "expected"), [("6", 6), ("6 weken", 6), ("6,5 wk", 6), ("6.5", 6), ("6w", 6), ("1 week", 1), ("0", 0)]
)
def test_weeks_as_typed(text, expected):
    assert typed.weeks(text) == expected


@pytest.mark.parametrize("text", ["105", "veel", "6 jaar", "", "zes weken"])
def test_not_weeks(text):
    assert typed.weeks(text) is None
