"""The one place that reads the environment (prefix WAITINFO_)."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-only-change-me"
MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WAITINFO_", env_file=".env", extra="ignore")

    # Database: an external server when set, else an embedded PostgreSQL in data_dir.
    database_url: str | None = None
    data_dir: Path = Path(".waitinfo")
    database_name: str = "waitinfo"

    # "development" or "production". Unset: development with the embedded database, production with
    # WAITINFO_DATABASE_URL. Outside development the app refuses the default or a short secret key.
    env: str = ""

    # Web
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    secret_key: str = DEFAULT_SECRET_KEY
    # The address the public reaches the site at (https://wachttijden.example): used for FHIR links, the HSDS
    # root, share links and mails, never the request's Host header. Unset: WAITINFO_BASE_URL, else host and port.
    public_base_url: str = ""
    base_url: str = ""
    secure_cookies: bool = False  # also sends HSTS; behind TLS (X-Forwarded-Proto: https) both happen anyway
    max_upload_bytes: int = 20 * 1024 * 1024  # request body limit for file uploads (multipart)
    metrics_token: str = ""  # /metrics answers only with "Authorization: Bearer <token>"; unset: 404
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
    stale_after_days: int = 31  # offer confirmations (assured date); wait figures follow the delivery cycle
    # Wait figures for month M are due by this day of month M+1 (waitinfo.waits.rules.cycle).
    figures_due_day: int = 10
    # Reference values (weeks) for waits that are not ggz: never judged against the Treeknorm or each other.
    poh_ggz_reference_weeks: float = 4.0  # first conversation with the GP's POH-ggz
    social_reference_weeks: float = 6.0  # regional norm: municipal decision to start of support
    hidden_after_days: int = 92

    log_json: bool = False
    log_level: str = "INFO"

    @property
    def development(self) -> bool:
        if self.env:
            return self.env.strip().lower() in ("development", "dev")
        return not self.database_url

    def secret_key_problem(self) -> str | None:
        """Why this configuration may not start (a forgeable session key outside development), else None."""
        if self.development:
            return None
        if self.secret_key == DEFAULT_SECRET_KEY:
            return "WAITINFO_SECRET_KEY is not set: the default key is public, so session cookies could be forged."
        if len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            return f"WAITINFO_SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters."
        return None

    def public_url(self) -> str:
        """The site's public address without a trailing slash."""
        if self.public_base_url or self.base_url:
            return (self.public_base_url or self.base_url).rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}"

    @property
    def pgdata(self) -> Path:
        return (self.data_dir / "pgdata").resolve()


@lru_cache
def get_settings() -> Settings:
    return Settings()
