"""Dependency audit: every installed distribution against the vulnerability data PyPI publishes (from OSV).

pip-audit asks PyPI per version (`/pypi/<name>/<version>/json`); the package mirror this project is built
behind only serves the project documents (`/pypi/<name>/json`), whose `vulnerabilities` list belongs to the
newest release. So: a distribution at the newest release is checked exactly; one that is not cannot be checked
here and counts as a finding too (upgrade it, or check it with pip-audit where PyPI is fully reachable).

    python scripts/audit_deps.py [--index https://pypi.org/pypi] [--ignore name ...]

Exit code 0 when everything was checked and nothing is known to be vulnerable, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

OWN = {"waitinfo"}  # this project itself (installed editable, not on PyPI)


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def installed() -> dict[str, str]:
    return {normalise(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}


def fetch(index: str, name: str, tries: int = 3) -> dict | None:
    """The project document, or None when PyPI does not know the name; retries transient failures."""
    for attempt in range(tries):
        try:
            with urllib.request.urlopen(f"{index.rstrip('/')}/{name}/json", timeout=30) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            if attempt == tries - 1:
                raise
        except (urllib.error.URLError, TimeoutError):
            if attempt == tries - 1:
                raise
        time.sleep(1 + attempt)
    return None


def check(name: str, version: str, doc: dict | None) -> list[str]:
    """Findings for one distribution (empty: checked and clean)."""
    if doc is None:
        return [f"{name} {version}: niet gevonden op PyPI, niet te controleren"]
    latest = doc.get("info", {}).get("version")
    if latest != version:
        return [
            f"{name} {version}: niet de nieuwste versie ({latest}); alleen die is hier te controleren — "
            "werk bij of controleer met pip-audit"
        ]
    return [
        f"{name} {version}: {v.get('id')} {', '.join(v.get('aliases') or [])} — opgelost in "
        f"{', '.join(v.get('fixed_in') or []) or 'nog geen versie'}"
        for v in doc.get("vulnerabilities") or []
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="https://pypi.org/pypi")
    parser.add_argument("--ignore", nargs="*", default=[], help="names to skip (with a reason in the Makefile)")
    args = parser.parse_args(argv)
    wanted = {n: v for n, v in installed().items() if n not in OWN and n not in {normalise(x) for x in args.ignore}}
    with ThreadPoolExecutor(8) as pool:
        docs = dict(zip(wanted, pool.map(lambda n: fetch(args.index, n), wanted), strict=True))
    findings = [f for name, version in sorted(wanted.items()) for f in check(name, version, docs[name])]
    for line in findings:
        print(line)
    print(f"{len(wanted)} pakketten gecontroleerd, {len(findings)} bevinding(en).")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
