"""Run every benchmark and write docs/performance.md: `python -m bench.run_all` (or `make bench`).

Options: --quick (fewer samples, 20 s load; for trying things out), --only search,hsds,import,load,
--no-write (print the report instead of writing the file).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

from bench.common import ROOT, bench_env, ensure_national, log, machine
from bench.report import render


def run_import() -> dict:
    """bench/import_bench.py with its database floor (own throw-away database next to the bench database)."""
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench/import_bench.py"), "--floor"],
        cwd=ROOT,
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    text = out.stdout
    if out.returncode != 0:
        return {"error": (out.stderr or text)[-1500:], "output": text}

    def num(pattern: str) -> float | None:
        m = re.search(pattern, text)
        return float(m.group(1).replace(",", "")) if m else None

    return {
        "output": text.strip(),
        "seconds": time.monotonic() - started,
        "copy_rate": num(r"COPY into bare table:\s+[\d.]+ s\s+([\d,]+) rows/s"),
        "pipe_rate": num(r"import pipeline:\s+[\d.]+ s\s+([\d,]+) rows/s"),
        "copy_s": num(r"COPY into bare table:\s+([\d.]+) s"),
        "pipe_s": num(r"import pipeline:\s+([\d.]+) s"),
        "ratio": num(r"ratio pipeline/COPY:\s+([\d.]+)x"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="search,hsds,import,load")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    which = set(args.only.split(","))
    started = time.monotonic()
    fill_s = ensure_national(log)
    results: dict = {"machine_before": machine(), "fill_seconds": fill_s, "quick": args.quick}
    if "search" in which:
        from bench import search_bench

        results["search"] = search_bench.run(samples=100 if args.quick else 400)
        log("search done")
    if "hsds" in which:
        from bench import hsds_bench

        results["hsds"] = hsds_bench.run(samples=100 if args.quick else 300)
        log("hsds done")
    if "import" in which:
        log("import: bench/import_bench.py (100,000 rows)")
        results["import"] = run_import()
        log("import done")
    if "load" in which:
        from bench import load_bench

        results["load"] = load_bench.run(duration=20 if args.quick else 60)
        log("load done")
    results["machine_after"] = machine()
    results["total_seconds"] = time.monotonic() - started
    report = render(results)
    if args.no_write:
        print(report)
    else:
        path = ROOT / "docs/performance.md"
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        locust = re.search(r"<!-- locust:start -->.*?<!-- locust:end -->\n?", old, flags=re.S)  # `make load`'s section
        path.write_text(report.rstrip("\n") + "\n\n" + locust.group(0) if locust else report, encoding="utf-8")
        log("wrote docs/performance.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
