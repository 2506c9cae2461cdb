"""The SVG chart draws gaps for missing months (never zero) and a labelled norm line."""

from datetime import date

from waitinfo.web.charts import Norm, Series, line_chart


def test_chart_has_title_norm_and_gap():
    pts = [(date(2026, m, 1), v) for m, v in [(1, 3), (2, None), (3, 6), (4, 7)]]
    svg = str(line_chart("Wachttijd Almelo", [Series("aanmelding", pts)], [Norm("Treeknorm", 4)]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Wachttijd Almelo" in svg
    assert "Treeknorm (4)" in svg
    assert svg.count("<polyline") == 2  # the missing month splits the line instead of dropping to zero
    assert "van 3 weken" in svg and "naar 7 weken" in svg


def test_empty_chart_says_so():
    assert "Geen gegevens" in str(line_chart("Leeg", [Series("x", [])]))
