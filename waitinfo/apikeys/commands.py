"""`waitinfo apikey create|list|revoke`: manage API keys from the command line."""

import typer

apikey_app = typer.Typer(help="API-sleutels beheren (HSDS, FHIR, wachttijden; aanleveren).", no_args_is_help=True)


@apikey_app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="Welk systeem of welke partij de sleutel gebruikt."),
    scope: list[str] = typer.Option(["read"], "--scope", help="read en/of push (mag vaker)."),
    organization: str = typer.Option(
        None, "--organization", help="Naam, slug of id van de aanbieder (nodig bij push)."
    ),
    rate: int = typer.Option(600, "--rate", help="Verzoeken per minuut."),
) -> None:
    """Maak een sleutel. De sleutel wordt één keer getoond; bewaar hem direct."""
    from waitinfo.accounts.service import find_organization
    from waitinfo.apikeys import service
    from waitinfo.core.database import session_scope

    with session_scope() as session:
        org_id = None
        if organization:
            org = find_organization(session, organization)
            if org is None:
                typer.echo(f"Organisatie niet gevonden: {organization}", err=True)
                raise typer.Exit(2)
            org_id = org.id
        try:
            new = service.create_key(
                session, name=name, scopes=scope, organization_id=org_id, rate_per_minute=rate, actor="cli"
            )
        except service.ApiKeyError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        prefix = new.key.prefix
    typer.echo(f"Sleutel {prefix} gemaakt. Bewaar hem nu; hij wordt niet nog eens getoond:")
    typer.echo(new.plaintext)


@apikey_app.command("list")
def list_(
    revoked: bool = typer.Option(True, "--revoked/--active-only", help="Ook ingetrokken sleutels tonen."),
) -> None:
    """Toon de sleutels (alleen het begin, nooit de hele sleutel)."""
    from waitinfo.apikeys import service
    from waitinfo.core.database import session_scope

    with session_scope() as session:
        rows = service.list_keys(session, include_revoked=revoked)
        for key, org in rows:
            status = f"ingetrokken {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "actief"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "nooit"
            typer.echo(
                f"{key.prefix}\t{key.name}\t{','.join(key.scopes)}\t{org or '-'}\t{key.rate_per_minute}/min"
                f"\t{status}\tlaatst gebruikt: {used}"
            )
        typer.echo(f"{len(rows)} sleutel(s).")


@apikey_app.command("revoke")
def revoke(prefix: str = typer.Argument(..., help="Het begin van de sleutel, bijv. wik_1a2b3c4d.")) -> None:
    """Trek een sleutel in; hij werkt direct niet meer."""
    from waitinfo.apikeys import service
    from waitinfo.core.database import session_scope

    with session_scope() as session:
        key = service.find_by_prefix(session, prefix)
        if key is None:
            typer.echo(f"Geen sleutel gevonden die begint met {prefix}.", err=True)
            raise typer.Exit(2)
        changed = service.revoke_key(session, key, actor="cli")
    typer.echo(f"Sleutel {prefix} ingetrokken." if changed else f"Sleutel {prefix} was al ingetrokken.")


def register(app: typer.Typer) -> None:
    app.add_typer(apikey_app, name="apikey")
