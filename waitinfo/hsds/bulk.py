"""The whole published catalogue in one file, for a hub that mirrors it: an HSDS tabular data package (zip of CSVs
with datapackage.json) and ndjson of full service documents.

Files are cached on disk per catalogue version (its last_modified, the document shape and the day), so they are
built once per change and every later download streams the same file. Tables and their fields follow the
official HSDS 3.0 schema (vendored in `official/`): each nested object of a full service document is one row of
its table, deduplicated by id.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlmodel import Session

from waitinfo.hsds import documents
from waitinfo.hsds import repository as repo

BATCH = 500
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "CC BY 4.0"}
# nested key in a document -> HSDS table
TABLES = {
    "organization": "organization",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "cost_options": "cost_option",
    "funding": "funding",
    "program": "program",
    "required_documents": "required_document",
    "contacts": "contact",
    "accessibility": "accessibility",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "organization_identifiers": "organization_identifier",
}
TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}


@dataclass
class Export:
    path: Path
    version: str
    last_modified: datetime | None


def _cache_dir() -> Path:
    folder = Path(os.environ.get("WAITINFO_EXPORT_DIR") or Path(tempfile.gettempdir()) / "waitinfo-export")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def version(session: Session) -> tuple[str, datetime | None]:
    """The catalogue's version: its newest change (tombstones included), the document shape and the day (the
    date-driven job moves last_modified, but a figure's freshness is read on the day)."""
    last = repo.last_modified(session)
    from waitinfo.core.clock import today

    raw = f"{last.isoformat() if last else '-'}|{documents.SHAPE_VERSION}|{today().isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16], last


@lru_cache
def table_fields() -> dict[str, list[tuple[str, str, str | None]]]:
    """Per table the scalar fields of the official schema: (name, type, format)."""
    schema = json.loads(resources.files("waitinfo.hsds").joinpath("official/service.json").read_text("utf-8"))
    out: dict[str, list[tuple[str, str, str | None]]] = {}

    def walk(node: dict, table: str) -> None:
        if node.get("type") == "array":
            node = node.get("items", {})
        props = node.get("properties") or {}
        fields = out.setdefault(table, [])
        known = {f[0] for f in fields}
        for name, prop in props.items():
            kind = prop.get("type")
            if kind in ("object", "array"):
                if name in TABLES:
                    walk(prop, TABLES[name])
            elif name not in known:
                fields.append((name, TYPES.get(kind, "string"), prop.get("format")))

    walk(schema, "service")
    return out


def _rows(doc: dict, table: str, tables: dict[str, dict[str, dict]], parent: tuple[str, str] | None) -> None:
    fields = {f[0] for f in table_fields().get(table, [])}
    row = {k: v for k, v in doc.items() if k in fields and not isinstance(v, (dict, list))}
    if parent and f"{parent[0]}_id" in fields and f"{parent[0]}_id" not in row:
        row[f"{parent[0]}_id"] = parent[1]  # the link the nesting implied
    if "id" in row:
        tables.setdefault(table, {}).setdefault(str(row["id"]), row)
    here = (table, str(doc.get("id"))) if "id" in doc else parent
    for key, value in doc.items():
        child = TABLES.get(key)
        if child is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                _rows(item, child, tables, here)


def _service_docs(session: Session) -> Iterator[str]:
    ids = list(session.execute(repo.service_ids_select(repo.Filters())).scalars())
    for start in range(0, len(ids), BATCH):
        yield from documents.documents(session, ids[start : start + BATCH], full=True)


def _datapackage(tables: dict[str, dict[str, dict]], last: datetime | None) -> dict:
    resources_ = []
    for table in sorted(tables):
        fields = table_fields()[table]
        resources_.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": n, "type": "date" if f == "date" else t, **({"format": f} if f == "uri" else {})}
                        for n, t, f in fields
                    ],
                    "primaryKey": "id",
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "waitinfo-twente-hsds",
        "title": "waitinfo Twente: aanbod en wachttijden (HSDS 3.0)",
        "description": "Het gepubliceerde aanbod in ggz en sociaal domein in Twente, als HSDS 3.0-tabellen. "
        "Wachttijden staan als attributen (taxonomie waitinfo_wait) bij service_at_location.",
        "version": "3.0",
        "created": last.isoformat() if last else None,
        "licenses": [LICENSE],
        "resources": resources_,
    }


def _write_zip(session: Session, target: Path, last: datetime | None) -> None:
    tables: dict[str, dict[str, dict]] = {}
    for text in _service_docs(session):
        _rows(json.loads(text), "service", tables, None)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for table, rows in sorted(tables.items()):
            names = [f[0] for f in table_fields()[table]]
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for row in rows.values():
                writer.writerow(row)
            zf.writestr(f"{table}.csv", buf.getvalue())
        zf.writestr("datapackage.json", json.dumps(_datapackage(tables, last), ensure_ascii=False, indent=2))


def _write_ndjson(session: Session, target: Path, last: datetime | None) -> None:
    with target.open("w", encoding="utf-8") as fh:
        for text in _service_docs(session):
            fh.write(text + "\n")


WRITERS: dict[str, Callable] = {"zip": _write_zip, "ndjson": _write_ndjson}


def export(session: Session, kind: str) -> Export:
    """The cached file of the current catalogue version, built first when missing (older versions removed)."""
    ver, last = version(session)
    folder = _cache_dir()
    path = folder / f"catalogue-{ver}.{kind}"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        os.close(fd)
        try:
            WRITERS[kind](session, Path(tmp), last)
            os.replace(tmp, path)  # atomic: a reader never sees half a file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for old in folder.glob(f"catalogue-*.{kind}"):
            if old != path:
                old.unlink(missing_ok=True)
    return Export(path, ver, last)
