"""`make load`: a Locust step load (bench/locustfile.py, headless) on `waitinfo serve --workers 2` with the demo
data, reporting the highest request rate sustained with p95 under 100 ms; `--write` puts it in
docs/performance.md (section "Load test with Locust").

The demo catalogue goes into its own database, `waitinfo_load_demo` on the local server (WAITINFO_LOAD_URL to
override), loaded once with `waitinfo demo`. Loopback only; bounded to len(steps) x step seconds (~100 s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime

from bench.common import ROOT, conninfo, log, server

LOAD_URL = os.environ.get("WAITINFO_LOAD_URL", "postgresql://postgres@127.0.0.1:5432/waitinfo_load_demo")
P95_LIMIT_MS = 100.0
START, END = "<!-- locust:start -->", "<!-- locust:end -->"


def ensure_demo() -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(conninfo(LOAD_URL))
    name = url.database
    admin = url.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')
    env = dict(os.environ, WAITINFO_DATABASE_URL=LOAD_URL, WAITINFO_GEOCODER_ENABLED="false")
    log(f"demo data in {name} (waitinfo demo)")
    subprocess.run([str(ROOT / ".venv/bin/waitinfo"), "demo"], cwd=ROOT, env=env, check=True, capture_output=True)


def sustained(steps: list[dict]) -> dict | None:
    """The step with the highest measured rate whose p95 stayed under the limit without failures."""
    ok = [s for s in steps if s["p95_ms"] is not None and s["p95_ms"] < P95_LIMIT_MS and s["failures"] == 0]
    return max(ok, key=lambda s: s["rps"]) if ok else None


def run(step_seconds: float, step_users: str) -> dict:
    ensure_demo()
    with tempfile.TemporaryDirectory() as tmp, server(workers=2, WAITINFO_DATABASE_URL=LOAD_URL) as (base, _proc):
        out = os.path.join(tmp, "steps.json")
        env = dict(
            os.environ, LOCUST_STEPS_OUT=out, LOCUST_STEP_SECONDS=str(step_seconds), LOCUST_STEP_USERS=step_users
        )
        cmd = [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(ROOT / "bench/locustfile.py"),
            "--headless",
            "--host",
            base,
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        log(f"locust step load on {base}: users {step_users}, {step_seconds:.0f} s per step")
        started = time.monotonic()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        if not os.path.exists(out):
            raise SystemExit(f"locust gave no results (exit {done.returncode}):\n{done.stderr[-3000:]}")
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        (ROOT / "artifacts").mkdir(exist_ok=True)
        (ROOT / "artifacts/locust-steps.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        result["seconds"] = round(time.monotonic() - started)
        result["summary"] = done.stdout.strip() or done.stderr.strip()[-4000:]
    result["best"] = sustained(result["steps"])
    result["when"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    result["cores"] = os.cpu_count()
    result["loadavg"] = round(os.getloadavg()[1], 1)  # 5-minute load average at the end: other work on the cores
    return result


def render(r: dict) -> str:
    best = r["best"]
    lines = [
        START,
        "## Load test with Locust",
        "",
        f"`make load` ({r['when']}): Locust {_locust_version()} headless, a step load (LoadTestShape, "
        f"{r['step_seconds']:.0f} s per step, each user aiming at {r['per_user_rps']:.0f} requests/s: 70% `/zoeken`, "
        "20% a result's detail page, 10% `/api/hsds/services`) on loopback against `waitinfo serve --workers 2` "
        f"with the Twente demo data, load generator and database on the same {r['cores']} cores.",
        "",
        "| users | offered req/s | measured req/s | p50 ms | p95 ms | failures |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in r["steps"]:
        lines.append(
            f"| {s['users']} | {s['offered_rps']:.0f} | {s['rps']:.1f} | {s['p50_ms']} | {s['p95_ms']} | {s['failures']} |"
        )
    lines.append("")
    lines.append(
        f"Load average (5 min) at the end of the run: {r['loadavg']} on {r['cores']} cores; above the core count "
        "other work shared the machine and the figures are lower than the app alone would reach."
    )
    lines.append("")
    if best:
        lines.append(
            f"Highest rate sustained with p95 under {P95_LIMIT_MS:.0f} ms: **{best['rps']:.0f} requests/s** "
            f"({best['users']} users, p95 {best['p95_ms']} ms)."
        )
    else:
        lines.append(f"No step kept p95 under {P95_LIMIT_MS:.0f} ms.")
    lines += ["", END, ""]
    return "\n".join(lines)


def _locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


def write(section: str) -> None:
    path = ROOT / "docs/performance.md"
    text = path.read_text(encoding="utf-8")
    if START in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END) + r"\n?", lambda _m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    log("wrote the Locust section of docs/performance.md")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--step-seconds", type=float, default=12.0)
    ap.add_argument("--users", default="5,10,20,30,45,60,80,100", help="users per step, comma separated")
    ap.add_argument("--write", action="store_true", help="write the result into docs/performance.md")
    args = ap.parse_args()
    r = run(args.step_seconds, args.users)
    section = render(r)
    print(section)
    if args.write:
        write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
