"""`waitinfo contact set|list`: a municipality's youth team and huisartsenpost from the command line."""

import typer

contact_app = typer.Typer(help="Contacten per gemeente: jeugdteam/CJG en huisartsenpost.", no_args_is_help=True)
KINDS_HELP = "youth_team (jeugdteam/CJG) of gp_post (huisartsenpost)"


@contact_app.command("set")
def set_command(
    gemeente: str = typer.Argument(..., help="CBS-code van de gemeente, bijvoorbeeld GM0164."),
    soort: str = typer.Argument(..., help=KINDS_HELP),
    name: str = typer.Option(..., "--name", help="Naam, bijvoorbeeld Jeugdteam Hengelo."),
    phone: str = typer.Option("", "--phone", help="Telefoonnummer: cijfers, spaties, streepjes en een +."),
    url: str = typer.Option("", "--url", help="Website, beginnend met https://."),
    note: str = typer.Option("", "--note", help="Korte toelichting voor de coördinator."),
) -> None:
    """Leg het jeugdteam of de huisartsenpost van een gemeente vast (of wijzig het); komt in de wijzigingen."""
    from waitinfo.core.database import session_scope
    from waitinfo.reference import contacts

    kind = contacts.KIND_SLUGS.get(soort.lower(), soort)
    with session_scope() as session:
        try:
            row = contacts.save(
                session,
                gemeente.strip().upper(),
                contacts.ContactIn(kind=kind, name=name, phone=phone, url=url, note=note),
                actor="cli",
            )
        except contacts.ContactError as exc:
            for message in exc.errors.values():
                typer.echo(message, err=True)
            raise typer.Exit(2) from None
        typer.echo(f"Opgeslagen: {contacts.KIND_LABELS[row.kind]} {row.municipality_code}: {row.name}.")


@contact_app.command("list")
def list_command() -> None:
    """Toon per gemeente het jeugdteam en de huisartsenpost."""
    from waitinfo.core.database import session_scope
    from waitinfo.reference import contacts

    with session_scope() as session:
        for row in contacts.overview(session):
            parts = []
            for kind, label in contacts.KIND_LABELS.items():
                c = row.contacts.get(kind)
                parts.append(f"{label}: {c.name}{f' ({c.phone})' if c and c.phone else ''}" if c else f"{label}: –")
            typer.echo(f"{row.municipality.code} {row.municipality.name}: " + "; ".join(parts))


def register(app: typer.Typer) -> None:
    app.add_typer(contact_app, name="contact")
