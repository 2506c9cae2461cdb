"""`waitinfo worker`: run the background jobs (portal uploads, cleanup)."""

from __future__ import annotations

import typer


def worker(
    once: bool = typer.Option(False, "--once", help="Voer de wachtende taken uit en stop dan."),
    concurrency: int = typer.Option(2, help="Aantal taken tegelijk."),
) -> None:
    """Start de achtergrondverwerking (uploads uit het portaal, opruimen, webhooks)."""
    from waitinfo.jobs.app import get_app

    get_app().run_worker(
        concurrency=concurrency, wait=not once, install_signal_handlers=not once, listen_notify=not once
    )


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
