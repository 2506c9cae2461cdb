"""`waitinfo hsds documents`: build the stored HSDS documents that are missing or out of date."""

import time

import typer

hsds_app = typer.Typer(help="Open Referral HSDS-API: opgeslagen documenten bijwerken.", no_args_is_help=True)


@hsds_app.command("documents")
def documents_command(quiet: bool = typer.Option(False, "--quiet", help="Geen voortgang tonen.")) -> None:
    """Bouw de HSDS-documenten van aanbod dat gewijzigd is (of nog geen document heeft) en sla ze op.

    Pagina's en exports bouwen een verouderd document ook zelf; dit maakt ze vooraf klaar (de planner doet
    het elk kwartier)."""
    from sqlmodel import Session

    from waitinfo.core.database import get_engine
    from waitinfo.core.progress import Stages
    from waitinfo.hsds.documents import refresh

    engine = get_engine()
    started = time.monotonic()
    with Stages(not quiet) as bar:
        built = refresh(lambda: Session(engine), progress=lambda done, total: bar("HSDS-documenten", done, total))
    typer.echo(f"{built:,} HSDS-documenten gebouwd in {time.monotonic() - started:.1f} s.".replace(",", "."))


@hsds_app.command("examples")
def examples_command(
    out: str = typer.Option("", "--out", help="Bestand; standaard waitinfo/hsds/examples.json in de broncode."),
) -> None:
    """Schrijf de OpenAPI-voorbeelden (dienst, dienst op locatie, organisatie, term) uit de demodata."""
    import json
    from pathlib import Path

    from sqlmodel import Session

    from waitinfo.core.database import get_engine
    from waitinfo.hsds.examples import FILE, build

    target = Path(out) if out else Path(__file__).with_name(FILE)
    with Session(get_engine()) as session:
        docs = build(session)
    target.write_text(json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(f"Voorbeelden geschreven naar {target}.")


def register(app: typer.Typer) -> None:
    app.add_typer(hsds_app, name="hsds")
