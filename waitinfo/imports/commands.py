"""Command line of the import domain: `waitinfo import`, `imports`, `provider feed`, `pull`, `scheduler`.

Exit codes: 0 when something was applied or nothing needed to change, 1 when the delivery was rejected or
failed, 2 on wrong usage. With --json exactly one JSON object is printed on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from waitinfo.providers.registry import KINDS

provider_app = typer.Typer(help="Aanbieders: koppelingen (feeds) instellen.", no_args_is_help=True)


def _exit_code(status: str) -> int:
    return 0 if status in ("applied", "unchanged", "dry_run") else 1


def _print_report(report, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.cli_dict(), ensure_ascii=False))
        return
    labels = {
        "applied": "verwerkt",
        "rejected": "afgewezen",
        "unchanged": "ongewijzigd",
        "failed": "mislukt",
        "dry_run": "proefimport (niets opgeslagen)",
    }
    typer.echo(f"Status: {labels.get(report.status, report.status)}")
    typer.echo(f"Regels: {report.rows_total} totaal, {report.rows_applied} verwerkt, {report.rows_rejected} afgewezen")
    if report.message:
        typer.echo(report.message)
    for issue in report.errors:
        where = f"regel {issue.line}" if issue.line else "bestand"
        typer.echo(f"  FOUT {where}{' (' + issue.field + ')' if issue.field else ''}: {issue.message}")
    for issue in report.warnings:
        where = f"regel {issue.line}" if issue.line else "bestand"
        typer.echo(f"  LET OP {where}{' (' + issue.field + ')' if issue.field else ''}: {issue.message}")
    for issue in report.changes:
        where = f"regel {issue.line}" if issue.line else "bestand"
        typer.echo(f"  WIJZIGING {where}: {issue.message}")


def import_file(
    path: Path = typer.Argument(..., help="Het bestand (CSV, TSV, XLSX, JSON met wachttijden of HSDS-JSON)."),
    provider: str = typer.Option(..., "--provider", help="Naam of slug van de aanbieder."),
    kind: str = typer.Option(
        None,
        "--kind",
        help="wait-times, offer, support-points, group-offers of hsds (standaard: herkend aan de kopregel).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Toon het verslag, sla niets op."),
    as_json: bool = typer.Option(False, "--json", help="Eén JSON-object op stdout."),
    multi_organisation: bool = typer.Option(
        False,
        "--multi-organisation",
        help="Alleen voor de coördinator: regels van meerdere organisaties (kolom Organisatie) inlezen; "
        "nieuwe organisaties wachten op goedkeuring.",
    ),
    column_map: list[str] = typer.Option(
        None,
        "--map",
        help='Betekenis van een kolom, "Kolomnaam=veld" (mag vaker); wordt onthouden voor deze aanbieder.',
    ),
    no_treatment_wait: bool = typer.Option(
        False, "--no-treatment-wait", help="Bevestig: deze aanbieder meet geen behandelwachttijd (wordt onthouden)."
    ),
) -> None:
    """Lees een bestand van een aanbieder in (wachttijden, aanbod, steunpunten, groepsaanbod, HSDS)."""
    from waitinfo.core.database import session_scope
    from waitinfo.core.progress import Stages
    from waitinfo.imports.mappings import MappingError, parse_pairs
    from waitinfo.imports.service import run_import

    try:
        confirmed = parse_pairs(column_map)
    except MappingError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None
    if kind is not None and kind not in KINDS:
        typer.echo(f"Onbekende soort '{kind}': kies uit {', '.join(KINDS)}.", err=True)
        raise typer.Exit(2)
    if not path.is_file():
        typer.echo(f"Bestand niet gevonden: {path}", err=True)
        raise typer.Exit(2)
    # A Rich spinner with the elapsed time while a (large) file is read and stored; only for a person at a terminal.
    with Stages(sys.stderr.isatty() and not as_json) as bar, session_scope() as session:
        done = bar.spinner(f"{path.name[:40]} inlezen")
        report = run_import(
            session,
            organization_name_or_id=provider,
            raw=path.read_bytes(),
            source=path.name,
            kind=kind,
            dry_run=dry_run,
            triggered_by="cli",
            actor="system",
            trusted=True,
            multi_organisation=multi_organisation,
            mapping=confirmed or None,
            no_treatment_wait=no_treatment_wait,
        )
        done()
    _print_report(report, as_json)
    raise typer.Exit(_exit_code(report.status))


def imports(
    provider: str = typer.Option(None, "--provider", help="Alleen deze aanbieder."),
    run_id: str = typer.Option(None, "--show", help="Toon één import met alle afgewezen regels."),
    limit: int = typer.Option(20, help="Aantal regels."),
) -> None:
    """Laat recente imports zien (of één import met --show ID)."""
    import uuid

    from waitinfo.core.database import session_scope
    from waitinfo.imports import repository
    from waitinfo.imports.models import ImportRun

    with session_scope() as session:
        if run_id:
            try:
                run = session.get(ImportRun, uuid.UUID(run_id))
            except ValueError:
                run = None
            if run is None:
                typer.echo(f"Import {run_id} niet gevonden.", err=True)
                raise typer.Exit(2)
            typer.echo(f"{run.started_at:%Y-%m-%d %H:%M} {run.kind} {run.status} {run.source}: {run.message}")
            for e in repository.run_errors(session, run.id):
                typer.echo(f"  {e.severity} regel {e.line or '-'} {e.field or ''}: {e.message}")
            return
        org_id = None
        if provider:
            org = repository.find_organization(session, provider)
            if org is None:
                typer.echo(f"Aanbieder '{provider}' niet gevonden.", err=True)
                raise typer.Exit(2)
            org_id = org.id
        for run, name in repository.list_runs(session, organization_id=org_id, limit=limit):
            typer.echo(
                f"{run.id} {run.started_at:%Y-%m-%d %H:%M} {name or '-'} {run.kind} {run.status} "
                f"{run.rows_applied}/{run.rows_total} {run.source}"
            )


@provider_app.command("feed")
def provider_feed(
    name: str = typer.Argument(..., help="Naam of slug van de aanbieder."),
    adapter: str = typer.Option(None, "--adapter", help="hsds, http-csv of http-json."),
    url: str = typer.Option(None, "--url", help="Adres van de feed of het bestand."),
    header: list[str] = typer.Option(None, "--header", help="Extra HTTP-kop, 'Naam: waarde' (mag vaker)."),
    schedule: str = typer.Option(None, "--schedule", help="Cron-regel, standaard maandelijks '0 6 1 * *'."),
    kind: str = typer.Option(None, "--kind", help="Voor http-csv/http-json: wait-times, offer, ..."),
    disable: bool = typer.Option(False, "--disable", help="Zet de koppeling uit."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Stel de koppeling van een aanbieder in (of toon die zonder opties)."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import feeds

    with session_scope() as session:
        try:
            feed = feeds.configure(
                session,
                name,
                adapter=adapter,
                url=url,
                headers=header,
                schedule=schedule,
                kind=kind,
                enabled=False if disable else None,
            )
        except feeds.FeedError as exc:
            typer.echo(exc.message, err=True)
            raise typer.Exit(2) from None
        view = feeds.public_view(feed)
    if as_json:
        typer.echo(json.dumps(view, ensure_ascii=False))
    else:
        for k, v in view.items():
            typer.echo(f"{k}: {v}")


def pull(
    provider: str = typer.Option(..., "--provider", help="Naam of slug van de aanbieder."),
    as_json: bool = typer.Option(False, "--json", help="Eén JSON-object op stdout."),
) -> None:
    """Haal de feed van een aanbieder nu op en lees hem in."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import feeds

    with session_scope() as session:
        try:
            report = feeds.pull_now(session, provider, triggered_by="cli")
        except feeds.FeedError as exc:
            typer.echo(exc.message, err=True)
            raise typer.Exit(2) from None
    _print_report(report, as_json)
    raise typer.Exit(_exit_code(report.status))


def scheduler(
    once: bool = typer.Option(False, "--once", help="Herinneringen, mail en regiocijfers één keer, dan stoppen."),
    poll_seconds: float = typer.Option(
        5.0, "--poll-seconds", help="Hoe vaak een wachtende planner de leiding probeert over te nemen."
    ),
) -> None:
    """Start de planner: feeds ophalen, herinneringen, maandelijkse regiocijfers (één leider tegelijk)."""
    from waitinfo.scheduler.main import run

    raise typer.Exit(run(once=once, poll_seconds=poll_seconds))


mapping_app = typer.Typer(help="Kolomkoppelingen van een aanbieder (onthouden betekenis van kolommen).")


def _org_or_exit(session, provider: str):
    from waitinfo.imports import repository

    org = repository.find_organization(session, provider)
    if org is None:
        typer.echo(f"Aanbieder '{provider}' niet gevonden.", err=True)
        raise typer.Exit(2)
    return org


@mapping_app.command("list")
def mapping_list(provider: str = typer.Option(..., "--provider", help="Naam of slug van de aanbieder.")) -> None:
    """Toon de onthouden kolomkoppelingen van een aanbieder."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import mappings

    with session_scope() as session:
        org = _org_or_exit(session, provider)
        found = mappings.listing(session, org.id)
        if not found:
            typer.echo(f"Geen kolomkoppelingen voor {org.name}.")
        for m in found:
            scope = "feed" if m.feed_id else "alle bestanden"
            typer.echo(f"{m.header}={m.field}  ({mappings.describe(m.field)}; {m.kind}, {scope})")


@mapping_app.command("set")
def mapping_set(
    pairs: list[str] = typer.Argument(..., help='"Kolomnaam=veld", bijvoorbeeld "pc=postal_code".'),
    provider: str = typer.Option(..., "--provider", help="Naam of slug van de aanbieder."),
) -> None:
    """Leg de betekenis van kolommen vast voor alle volgende bestanden en feeds van een aanbieder."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import mappings

    try:
        confirmed = mappings.parse_pairs(pairs)
    except mappings.MappingError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None
    with session_scope() as session:
        org = _org_or_exit(session, provider)
        mappings.save(session, org.id, confirmed, actor="cli")
    typer.echo(f"{len(confirmed)} koppeling(en) opgeslagen.")


@mapping_app.command("delete")
def mapping_delete(
    header: str = typer.Argument(..., help="De kolomnaam (of no_treatment_wait)."),
    provider: str = typer.Option(..., "--provider", help="Naam of slug van de aanbieder."),
) -> None:
    """Vergeet de koppeling van een kolom."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import mappings

    with session_scope() as session:
        org = _org_or_exit(session, provider)
        removed = mappings.remove(session, org.id, header)
    if not removed:
        typer.echo(f"Geen koppeling voor kolom '{header}'.", err=True)
        raise typer.Exit(1)
    typer.echo("Koppeling verwijderd.")


def register(app: typer.Typer) -> None:
    app.add_typer(mapping_app, name="mapping")
    app.command("import")(import_file)
    app.command("imports")(imports)
    app.command("pull")(pull)
    app.command("scheduler")(scheduler)
    app.add_typer(provider_app, name="provider")
