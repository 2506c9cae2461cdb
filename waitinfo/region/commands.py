"""`waitinfo regio nulmeting`: store the register's snapshot on the KPI 38 baseline date."""

from datetime import date

import typer

region_app = typer.Typer(help="Regiocijfers: nulmeting voor KPI 38.", no_args_is_help=True)


@region_app.command("nulmeting")
def baseline_command(
    op: str = typer.Option("", help="Datum van de nulmeting (JJJJ-MM-DD); standaard die van het programma."),
    toelichting: str = typer.Option("", help="Korte toelichting bij de vastgelegde nulmeting."),
) -> None:
    """Leg vast wat het steunpuntenregister op de nulmetingsdatum bevat (steunpunten per soort, openingsuren,
    bezoekers). KPI 38 rekent daarna met deze momentopname in plaats van met het register van vandaag."""
    from waitinfo.core.database import session_scope
    from waitinfo.region import growth

    try:
        on = date.fromisoformat(op) if op else growth.BASELINE_MONTH
    except ValueError:
        typer.echo(f"Onbekende datum “{op}”: schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2025-07-01.", err=True)
        raise typer.Exit(2) from None
    with session_scope() as session:
        row = growth.take_baseline(session, on, toelichting)
        points = ", ".join(f"{k}: {v}" for k, v in sorted(row.points.items()))
        typer.echo(
            f"Nulmeting {on.isoformat()} vastgelegd: {points}; openingsuren per week {row.hours_per_week}; "
            f"bezoekers per maand {row.visitors_per_month}."
        )


def register(app: typer.Typer) -> None:
    app.add_typer(region_app, name="regio")
