#!/usr/bin/env bash
# Back up the waitinfo database to one file in PostgreSQL's custom format (pg_dump -Fc).
#
#   scripts/backup.sh [DATABASE_URL] [FILE]
#
# DATABASE_URL defaults to $WAITINFO_DATABASE_URL; FILE defaults to backups/waitinfo-YYYYmmdd-HHMMSS.dump.
# The dump is compressed, includes the schema, data and Alembic version, and restores with scripts/restore.sh.
# Set PG_BIN to the folder of pg_dump when the server is newer than the pg_dump on PATH.
set -euo pipefail

url="${1:-${WAITINFO_DATABASE_URL:-}}"
if [ -z "$url" ]; then
  echo "Geef het databaseadres op (of zet WAITINFO_DATABASE_URL)." >&2
  exit 2
fi
url="$("${PYTHON:-python3}" "$(dirname "$0")/pgurl.py" libpq "$url")"  # a real URL parser, see pgurl.py
file="${2:-backups/waitinfo-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$file")"
tmp="$file.partial"
"${PG_BIN:+$PG_BIN/}pg_dump" --format=custom --compress=6 --no-owner --no-privileges --file="$tmp" "$url"
mv "$tmp" "$file"  # never leave a half-written file under the final name
echo "Back-up geschreven: $file ($(du -h "$file" | cut -f1))"
