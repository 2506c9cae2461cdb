"""The one place that reads the environment (prefix WAITINFO_)."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WAITINFO_", env_file=".env", extra="ignore")

    # Database: an external server when set, else an embedded PostgreSQL in data_dir.
    database_url: str | None = None
    data_dir: Path = Path(".waitinfo")
    database_name: str = "waitinfo"

    # Web
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    secret_key: str = "dev-only-change-me"
    base_url: str = "http://127.0.0.1:8000"
    secure_cookies: bool = False
    cors_origins: str = ""  # comma separated
    api_anonymous_per_minute: int = 120  # reads without an API key, per client address
    map_tiles_url: str = ""  # empty: map shows markers without tiles (offline-safe)

    # Outside services
    pdok_url: str = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    geocoder_enabled: bool = True
    http_timeout_seconds: float = 10.0

    # Mail (reminders, password reset); empty host = outbox only
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "waitinfo@localhost"
    coordinator_email: str = ""  # extra address(es) for 90-day escalations, comma separated

    # Rules of the domain
    stale_after_days: int = 31
    hidden_after_days: int = 92

    log_json: bool = False
    log_level: str = "INFO"

    @property
    def pgdata(self) -> Path:
        return (self.data_dir / "pgdata").resolve()


@lru_cache
def get_settings() -> Settings:
    return Settings()
