"""Command line: `waitinfo serve|migrate|demo|...`; domains add their own commands in `<domain>/commands.py`."""

import importlib
import logging
import pkgutil

import typer

import waitinfo

app = typer.Typer(
    help="waitinfo: wachttijden en beschikbaar aanbod ggz en sociaal domein, Twente.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def migrate(revision: str = typer.Option("heads", help="Doelversie (standaard: de nieuwste).")) -> None:
    """Breng het databaseschema naar de nieuwste versie (Alembic)."""
    from waitinfo.core.database import database_url
    from waitinfo.core.migrate import upgrade

    url = database_url()
    typer.echo("Database bijwerken…")
    upgrade(url, revision)
    typer.echo("Databaseschema is bijgewerkt.")


@app.command()
def serve(
    host: str = typer.Option(None, help="Adres (standaard WAITINFO_HOST of 127.0.0.1)."),
    port: int = typer.Option(None, help="Poort (standaard WAITINFO_PORT of 8000)."),
    workers: int = typer.Option(None, help="Aantal werkprocessen (standaard WAITINFO_WORKERS of 1)."),
    reload: bool = typer.Option(False, help="Herstart bij codewijzigingen (ontwikkelen)."),
    worker: bool = typer.Option(
        True, "--worker/--no-worker", help="Start ook de achtergrondverwerking (uploads); uit als die apart draait."
    ),
) -> None:
    """Start de webapplicatie (en standaard de achtergrondverwerking: `waitinfo worker`)."""
    import uvicorn

    from waitinfo.core.database import database_url
    from waitinfo.core.settings import get_settings

    settings = get_settings()
    if settings.secret_key_problem():  # said here in Dutch; the app itself refuses too (web.app.create_app)
        typer.echo(
            f"waitinfo start niet: {settings.secret_key_problem()}\nZet WAITINFO_SECRET_KEY op minstens 32 "
            "willekeurige tekens, of WAITINFO_ENV=development om lokaal te proberen.",
            err=True,
        )
        raise typer.Exit(2)
    url = database_url()  # starts the embedded server when no database is configured
    if not settings.database_url:
        # Workers are separate processes: hand them the embedded server's address.
        import os

        os.environ["WAITINFO_DATABASE_URL"] = url
        os.environ.setdefault("WAITINFO_ENV", "development")  # still the embedded database: a local try-out
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    metrics_dir = _shared_metrics_dir(workers)
    if reload:
        import os

        os.environ["WAITINFO_TEMPLATES_RELOAD"] = "1"  # pick up edited templates too
    typer.echo(f"waitinfo draait op http://{host}:{port}  (stoppen: Ctrl+C)")
    job_worker = _start_worker() if worker else None
    try:
        uvicorn.run(
            "waitinfo.web.asgi:app",
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            log_level=settings.log_level.lower(),
            proxy_headers=True,
        )
    finally:
        if job_worker is not None:
            job_worker.terminate()
            try:
                job_worker.wait(timeout=15)
            except Exception:  # noqa: BLE001 - a worker that does not stop is killed
                job_worker.kill()
        if metrics_dir:
            import shutil

            shutil.rmtree(metrics_dir, ignore_errors=True)


def _start_worker():
    """The job worker as a child process (same database, environment and Python)."""
    import os
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "waitinfo", "worker"], env=os.environ.copy(), preexec_fn=_die_with_parent
    )


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when `serve` ends, however it ends (uvicorn re-raises SIGTERM at exit,
    so a `finally` in serve may never run)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _shared_metrics_dir(workers: int) -> str | None:
    """Several workers: let /metrics add up all of them (prometheus_client's multiprocess mode), whichever
    worker answers the scrape. A directory of our own, emptied at the start and removed at the end."""
    import os
    import tempfile

    if workers <= 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    path = tempfile.mkdtemp(prefix="waitinfo-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    return path


@app.command()
def demo(
    scale: str = typer.Option("twente", help="twente (standaard) of national (landelijke omvang, voor benchmarks)."),
    migrate_first: bool = typer.Option(True, "--migrate/--no-migrate", help="Eerst het schema bijwerken."),
) -> None:
    """Laad de fictieve demogegevens (deterministisch; nogmaals draaien geeft dezelfde catalogus)."""
    from waitinfo.core.database import database_url, session_scope
    from waitinfo.core.migrate import upgrade

    if scale not in ("twente", "national"):
        typer.echo("Onbekende schaal: kies twente of national.", err=True)
        raise typer.Exit(2)
    if migrate_first:
        upgrade(database_url())
    demo_module = importlib.import_module("waitinfo.demo.load")
    with session_scope() as session:
        summary = demo_module.load_demo(session, scale=scale, progress=True)
    typer.echo(summary)
    if scale == "twente":  # national: `waitinfo hsds documents` (minutes; the benchmarks run it)
        from sqlmodel import Session

        from waitinfo.core.database import get_engine
        from waitinfo.core.progress import Stages
        from waitinfo.hsds.documents import refresh

        with Stages() as bar:
            refresh(lambda: Session(get_engine()), progress=lambda done, total: bar("HSDS-documenten", done, total))


def _register_domain_commands() -> None:
    """Each domain package may have a `commands` module with `register(app)`."""
    for info in pkgutil.iter_modules(waitinfo.__path__):
        if not info.ispkg:
            continue
        name = f"waitinfo.{info.name}.commands"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


_register_domain_commands()


def main() -> None:  # pragma: no cover - console entry
    from waitinfo.core.database import DatabaseNotConfigured

    logging.basicConfig(level=logging.WARNING)
    try:
        app()
    except DatabaseNotConfigured as exc:
        typer.echo(str(exc), err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":  # pragma: no cover
    main()
