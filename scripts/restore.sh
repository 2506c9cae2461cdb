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
# Parse the URL with a real parser: the embedded server's socket folder is a query option (?host=/path).
pgurl() { "${PYTHON:-python3}" "$(dirname "$0")/pgurl.py" "$@"; }
url="$(pgurl libpq "$url")"
db="$(pgurl dbname "$url")"
admin="$(pgurl admin "$url")"
bin="${PG_BIN:+$PG_BIN/}"
# psql variables quote the name safely (:'db' as a literal, :"db" as an identifier).
exists="$(printf '%s\n' "select 1 from pg_database where datname = :'db';" | "${bin}psql" "$admin" -v db="$db" -tAq)"
if [ "$exists" != "1" ]; then
  printf '%s\n' 'create database :"db";' | "${bin}psql" "$admin" -v db="$db" -q -v ON_ERROR_STOP=1
fi
"${bin}pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$url" "$file"
echo "Back-up teruggezet in database $db."
