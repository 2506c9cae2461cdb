"""ASGI entry point for uvicorn workers: `uvicorn web.asgi:app`."""

from waitinfo.web.app import create_app

app = create_app()
