"""Checks of the wait figures of one row that need more than a parser: the total against its parts, a total
without parts, and waits in a unit the row names itself (a unit column)."""

from __future__ import annotations

from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import NormaliseError, parse_wait


def total_only(check: RowCheck) -> RowCheck:
    """A row whose only figure is a total: not applied (a total is never stored as one of its parts)."""
    check.error(
        "total_weeks",
        f"Alleen een totale wachttijd ({check.raw('total_weeks')}): die wordt niet opgeslagen als aanmeld- of "
        "behandelwachttijd. Vul de aanmeldwachttijd (aanmelding tot intake) en de behandelwachttijd (intake tot "
        "start behandeling) in; deze regel is niet verwerkt.",
    )
    return check


def check_total(ctx: Context, check: RowCheck, wait: dict, raw, unit: str | None) -> None:
    """A total next to both parts must be their sum (within a week or 10%); else the row gets a warning."""
    try:
        total = parse_wait(raw, "total_weeks", unit or ctx.units.get("total_weeks"))[0]
    except NormaliseError as exc:
        check.warn("total_weeks", exc.message + " De totale wachttijd is niet gebruikt.")
        return
    reg, treat = wait["registration_weeks"], wait["treatment_weeks"]
    if total is None:
        return
    if reg is None or treat is None:
        check.warn(
            "total_weeks",
            f"Totale wachttijd {total} weken is niet opgeslagen: alleen aanmeld- en behandelwachttijd apart worden "
            "gepubliceerd.",
        )
        return
    if abs(reg + treat - total) > max(1, total / 10):
        check.warn(
            "total_weeks",
            f"Totale wachttijd {total} weken klopt niet met aanmeld- plus behandelwachttijd ({reg} + {treat} = "
            f"{reg + treat} weken); controleer de cijfers.",
        )


def wait_in(check: RowCheck, fieldname: str, unit: str) -> tuple:
    """A wait of a row that names its own unit (a unit column); a unit in the cell itself still wins."""
    try:
        return parse_wait(check.raw(fieldname), fieldname, unit)
    except NormaliseError as exc:
        check.error(fieldname, exc.message)
        return None
