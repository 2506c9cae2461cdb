"""`waitinfo user create|list`: manage accounts from the command line."""

import sys

import typer
from pydantic import ValidationError

user_app = typer.Typer(help="Gebruikersaccounts beheren.", no_args_is_help=True)


@user_app.command("create")
def create(
    email: str = typer.Option(..., "--email", help="E-mailadres (inlognaam)."),
    role: str = typer.Option(..., "--role", help="provider, transfer of coordinator."),
    organization: list[str] = typer.Option(
        [], "--organization", help="Naam, slug of id van de organisatie (aanbieders; mag vaker)."
    ),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Lees het wachtwoord van standaardinvoer."),
) -> None:
    """Maak een account aan. Zonder wachtwoord krijgt u een eenmalige link om het wachtwoord te kiezen."""
    from waitinfo.accounts import service
    from waitinfo.accounts.schemas import UserCreate
    from waitinfo.core.database import session_scope

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    with session_scope() as session:
        org_ids = []
        for name in organization:
            org = service.find_organization(session, name)
            if org is None:
                typer.echo(f"Organisatie niet gevonden: {name}", err=True)
                raise typer.Exit(2)
            org_ids.append(org.id)
        try:
            data = UserCreate(email=email, role=role, organization_ids=org_ids)
            user = service.create_user(session, data, password=password)
        except ValidationError as exc:
            typer.echo("; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()), err=True)
            raise typer.Exit(2) from None
        except service.AccountError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        link = None if password else service.invite(session, user)
    typer.echo(f"Account aangemaakt: {data.email} ({data.role}).")
    if link:
        typer.echo(f"Eenmalige link om een wachtwoord te kiezen (7 dagen geldig):\n{link}")


@user_app.command("list")
def list_() -> None:
    """Toon alle accounts."""
    from waitinfo.accounts import service
    from waitinfo.core.database import session_scope

    with session_scope() as session:
        users, total = service.list_users(session, limit=10_000)
    for u in users:
        status = "actief" if u.active else "uitgeschakeld"
        pw = "" if u.has_password else ", nog geen wachtwoord"
        orgs = f" [{', '.join(u.organizations)}]" if u.organizations else ""
        typer.echo(f"{u.email}\t{u.role}\t{status}{pw}{orgs}")
    typer.echo(f"{total} account(s).")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
