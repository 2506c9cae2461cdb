"""A provider's own JSON file of records (wait times or offer), in the shapes their systems produce
(`providers.json_shapes`): keys matched like CSV headers, also camelCase/snake_case English keys
(`registrationWaitWeeks`, `treatment_wait_days`); a unit in a key (`..._days`, `...Dagen`) turns waits into weeks."""

from __future__ import annotations

import json
import re

from waitinfo.providers import limits, registry
from waitinfo.providers.base import ParsedFile, RawRow, ReadError
from waitinfo.providers.hsds import load_json
from waitinfo.providers.json_shapes import records
from waitinfo.providers.tabular import match_headers, unrecognised


def key_words(key: str) -> str:
    """`registrationWaitWeeks` -> `registration Wait Weeks`, `treatment_wait_days` -> `treatment wait days`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(key)).replace("_", " ").strip()


def load(raw: bytes):
    """JSON, or JSON Lines (one object per line, as log-style exports write them)."""
    try:
        return load_json(raw)
    except limits.LimitError:
        raise
    except ReadError:
        lines = [line for line in raw.decode("utf-8-sig", errors="replace").splitlines() if line.strip()]
        if len(lines) < 2 or not all(line.lstrip().startswith("{") for line in lines[:5]):
            raise
        try:
            return [json.loads(line) for line in lines]
        except (json.JSONDecodeError, RecursionError):
            raise ReadError(
                "Geen geldige JSON: het bestand lijkt één object per regel te hebben (JSON Lines), maar niet elke "
                "regel is een geldig object."
            ) from None


def parse(raw: bytes, kind: str, mapping: dict[str, str] | None = None) -> ParsedFile:
    data = records(load(raw))
    if len(data) > limits.MAX_ROWS:
        raise limits.too_many_rows(len(data))
    adapter = registry.file_adapter(kind)
    parsed = ParsedFile(kind=kind, rows=[])
    seen: dict[str, dict[int, str]] = {}  # the keys of one record shape -> index -> field
    unknown: dict[str, None] = {}
    for i, record in enumerate(data, start=1):
        keys = list(record)
        shape = "\x00".join(keys)
        found = seen.get(shape)
        if found is None:
            found = seen[shape] = match_headers([key_words(k) for k in keys], adapter.ALIASES, mapping)
            for idx, name in found.items():
                parsed.columns.setdefault(name, keys[idx])
            unknown.update((k, None) for idx, k in enumerate(keys) if idx not in found and k != "-")
        parsed.rows.append(RawRow(line=i, values={name: record[keys[idx]] for idx, name in found.items()}))
    taken = set(parsed.columns)
    for k in unknown:
        parsed.notes.append((None, k, unrecognised(k, adapter.ALIASES, taken).replace("Kolom", "Veld", 1)))
    if kind == "wait-times":
        _required(parsed)
        _units(parsed, seen, data)
    return parsed


def _required(parsed: ParsedFile) -> None:
    """Like a CSV header: a location key and at least one figure, else nothing is read (with the unknown keys)."""
    from waitinfo.providers.wait_times import FIGURES, WHERE

    missing = []
    if not set(parsed.columns) & set(WHERE):
        missing.append("vestiging (of AGB-code vestiging, of postcode)")
    if not set(parsed.columns) & set(FIGURES):
        missing.append("aanmeldwachttijd, behandelwachttijd of aantal wachtenden")
    if missing:
        unknown = ", ".join(f"'{k}'" for _, k, _ in parsed.notes[:12])
        raise ReadError(
            f"In de JSON ontbreekt: {'; '.join(missing)}. Gebruik de namen van het sjabloon als veldnamen "
            '(bijvoorbeeld "vestiging", "maand", "aanmeldwachttijd", "behandelwachttijd"), of koppel een veld '
            '("veldnaam=registration_weeks").' + (f" Niet herkende velden: {unknown}." if unknown else ""),
            unmapped=[(k, None) for _, k, _ in parsed.notes],
        )


def _units(parsed: ParsedFile, seen: dict[str, dict[int, str]], data: list[dict]) -> None:
    """The unit a wait key names (`treatment_wait_days`), per field; two keys of one field in different units
    cannot be read together."""
    from waitinfo.imports.vocabulary import FIELD_LABELS, UNIT_NL, WAIT_FIGURES, header_unit

    units: dict[str, tuple[str, str]] = {}
    for shape, found in seen.items():
        keys = shape.split("\x00")
        for idx, name in found.items():
            if name not in WAIT_FIGURES:
                continue
            unit = header_unit(key_words(keys[idx])) or "weeks"
            if name in units and units[name][0] != unit:
                raise ReadError(
                    f"Velden '{units[name][1]}' en '{keys[idx]}' geven allebei de {FIELD_LABELS[name]}, in "
                    f"verschillende eenheden; lever één veld per wachttijd aan."
                )
            units[name] = (unit, keys[idx])
    for name, (unit, key) in units.items():
        if unit != "weeks":
            parsed.units[name] = unit
            parsed.notes.append(
                (None, key, f"Veld '{key}' staat in {UNIT_NL[unit]}; omgerekend naar weken ({FIELD_LABELS[name]}).")
            )


def is_wait_rows(raw: bytes) -> bool:
    """A JSON file of wait records, not HSDS: it has none of HSDS's keys and some record names a location and a
    wait figure, or names a location or a figure and is no list of services (no 'name' on its top items)."""
    from waitinfo.imports.vocabulary import WAIT_ALIASES

    try:
        loaded = load(raw)
        if _hsds(loaded):
            return False
        data = records(loaded)
    except (ReadError, limits.LimitError):
        return False
    services = isinstance(loaded, list) and all(isinstance(i, dict) and "name" in i for i in loaded[:20])
    for record in data[:20]:
        fields = set(match_headers([key_words(k) for k in record], WAIT_ALIASES).values())
        where = fields & {"location_name", "location_agb", "postal_code"}
        figures = fields & {"registration_weeks", "treatment_weeks", "waiting_count"}
        if (where and figures) or ((where or figures) and not services):
            return True
    return False


HSDS_KEYS = {"contents", "service_at_locations", "taxonomy_terms", "service_areas", "eligibility_description"}


def _hsds(data) -> bool:
    """An HSDS page or list of services (read by `providers.hsds`), never wait records."""
    items = [data] if isinstance(data, dict) else data if isinstance(data, list) else []
    return any(isinstance(i, dict) and HSDS_KEYS & set(i) for i in items[:20])
