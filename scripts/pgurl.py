"""Take a PostgreSQL URL apart for the shell scripts, with a real URL parser (never shell string cuts).

    python3 scripts/pgurl.py libpq URL   -> the URL as libpq (psql, pg_dump, pg_restore) reads it
    python3 scripts/pgurl.py dbname URL  -> the database name
    python3 scripts/pgurl.py admin URL   -> the same server and options, database "postgres"

Works for an external server (postgresql://user:pw@host:5432/db) and for the embedded one, whose socket
folder is a query option (postgresql://postgres:@/db?host=/path/to/socket). Standard library only.
"""

import sys
from urllib.parse import quote, unquote, urlsplit, urlunsplit

SCHEMES = {"postgresql", "postgres"}


def libpq(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.split("+", 1)[0]  # postgresql+psycopg -> postgresql (SQLAlchemy's driver suffix)
    if scheme not in SCHEMES:
        raise ValueError(f"geen PostgreSQL-adres: {url!r} (verwacht postgresql://...)")
    return urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, parts.fragment))


def dbname(url: str) -> str:
    parts = urlsplit(libpq(url))
    name = unquote(parts.path.lstrip("/"))
    return name or unquote(parts.username or "") or "postgres"  # libpq's default: the user's name


def admin(url: str) -> str:
    parts = urlsplit(libpq(url))
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote("postgres"), parts.query, parts.fragment))


def main(argv: list[str]) -> int:
    commands = {"libpq": libpq, "dbname": dbname, "admin": admin}
    if len(argv) != 3 or argv[1] not in commands:
        print("gebruik: pgurl.py libpq|dbname|admin URL", file=sys.stderr)
        return 2
    try:
        print(commands[argv[1]](argv[2]))
    except ValueError as exc:
        print(f"Databaseadres onleesbaar: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
