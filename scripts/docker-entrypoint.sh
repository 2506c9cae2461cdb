#!/bin/sh
# Entrypoint of the production image: refuse to start without a database address or with the default secret key.
set -eu
if [ -z "${WAITINFO_DATABASE_URL:-}" ]; then
  echo "WAITINFO_DATABASE_URL ontbreekt: geef het adres van de PostgreSQL-database op (postgresql://...)." >&2
  exit 64
fi
case "${WAITINFO_SECRET_KEY:-}" in
  "" | dev-only-change-me | change-me*)
    echo "WAITINFO_SECRET_KEY ontbreekt of is de standaardwaarde: zet een eigen geheime sleutel van minstens" >&2
    echo "32 tekens, bijvoorbeeld de uitvoer van: python -c 'import secrets; print(secrets.token_urlsafe(48))'" >&2
    exit 64
    ;;
esac
if [ "${#WAITINFO_SECRET_KEY}" -lt 32 ]; then
  echo "WAITINFO_SECRET_KEY is te kort (${#WAITINFO_SECRET_KEY} tekens): gebruik er minstens 32." >&2
  exit 64
fi
exec "$@"
