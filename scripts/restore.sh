#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a database (created when missing).
#
#   scripts/restore.sh FILE [DATABASE_URL]
#
# DATABASE_URL defaults to $WAITINFO_DATABASE_URL. Existing objects in the target are dropped first
# (--clean --if-exists), in one transaction: a failed restore leaves the target as it was.
# Stop the app (and the scheduler) while restoring. Set PG_BIN as for backup.sh.
set -euo pipefail

file="${1:-}"
if [ -z "$file" ] || [ ! -f "$file" ]; then
  echo "Geef een bestaand back-upbestand op: scripts/restore.sh FILE [DATABASE_URL]" >&2
  exit 2
fi
url="${2:-${WAITINFO_DATABASE_URL:-}}"
if [ -z "$url" ]; then
  echo "Geef het databaseadres op (of zet WAITINFO_DATABASE_URL)." >&2
  exit 2
fi
url="${url/postgresql+psycopg:\/\//postgresql://}"
db="${url##*/}"; db="${db%%\?*}"
admin="${url%/*}/postgres"
bin="${PG_BIN:+$PG_BIN/}"
if [ "$("${bin}psql" "$admin" -tAc "select 1 from pg_database where datname = '$db'")" != "1" ]; then
  "${bin}psql" "$admin" -qc "create database \"$db\""
fi
"${bin}pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$url" "$file"
echo "Back-up teruggezet in database $db."
