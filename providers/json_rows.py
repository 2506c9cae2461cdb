"""A provider's own JSON file of flat records (wait times or offer), keys matched like CSV headers."""

from __future__ import annotations

from waitinfo.providers import limits, registry
from waitinfo.providers.base import ParsedFile, RawRow, ReadError
from waitinfo.providers.hsds import load_json
from waitinfo.providers.tabular import match_headers


def parse(raw: bytes, kind: str, mapping: dict[str, str] | None = None) -> ParsedFile:
    data = load_json(raw)
    if isinstance(data, dict):
        for key in ("items", "data", "rows", "records", "wachttijden", "aanbod"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ReadError("Het JSON-bestand bevat geen lijst met regels (objecten).")
    if len(data) > limits.MAX_ROWS:
        raise limits.too_many_rows(len(data))
    adapter = registry.file_adapter(kind)
    rows = []
    for i, record in enumerate(data, start=1):
        keys = list(record)
        found = match_headers(keys, adapter.ALIASES, mapping)
        rows.append(RawRow(line=i, values={name: record[keys[idx]] for idx, name in found.items()}))
    return ParsedFile(kind=kind, rows=rows)
