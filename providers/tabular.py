"""Reading tables as providers make them: CSV/TSV/semicolon in any common encoding, or XLSX workbooks with
title rows, extra sheets and hidden columns; headers matched flexibly to canonical field names."""

from __future__ import annotations

import csv
import io
import operator
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from waitinfo.providers import limits
from waitinfo.providers.base import ParsedFile, RawRow, ReadError
from waitinfo.providers.workbook import open_workbook, sheet_rows
from waitinfo.providers.xlsx_formulas import unevaluated_cells

Aliases = dict[str, tuple[str, ...]]
RowScore = Callable[[list], int]


def header_key(text) -> str:
    return _header_key(text if isinstance(text, str) else str(text or ""))


@lru_cache(maxsize=16384)  # alias names and header cells repeat on every header search of every file
def _header_key(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\(.*?\)", "", s)  # "(weken)"
    return re.sub(r"[^a-z0-9]", "", s)


HEADER_SEARCH_ROWS = 40  # title blocks of EPD exports run to a dozen rows and more
IGNORE = "-"  # a confirmed mapping to this field means: not used


_ALIAS_KEYS: dict[int, tuple] = {}  # id(aliases) -> (aliases, [(field, keys of its names, keys for prefixes)])


def _alias_keys(aliases: Aliases) -> list[tuple[str, list[str], list[str]]]:
    """The aliases' header keys, computed once per alias table (the header search runs over 40 rows, several
    times per file): per field, the keys of its names by rank, and the same with names under four letters
    blanked (they match only exactly)."""
    hit = _ALIAS_KEYS.get(id(aliases))
    if hit is None or hit[0] is not aliases:
        table = []
        for fieldname, names in aliases.items():
            keys = [header_key(n) for n in names]
            table.append((fieldname, keys, [k if len(k) >= 4 else "\0" for k in keys]))
        if len(_ALIAS_KEYS) > 64:
            _ALIAS_KEYS.clear()
        hit = _ALIAS_KEYS[id(aliases)] = (aliases, table)
    return hit[1]


def match_headers(headers: list, aliases: Aliases, confirmed: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> canonical field. A confirmed mapping (header -> field, from the provider) first, then an
    exact alias, then an alias of four letters or more that the header starts with."""
    mapping: dict[int, str] = {}
    keys = [header_key(h) for h in headers]
    taken: set[str] = set()
    if confirmed:
        by_key = {header_key(h): f for h, f in confirmed.items()}
        for i, k in enumerate(keys):
            f = by_key.get(k) if k else None
            if f is not None and f not in taken:
                mapping[i] = f
                if f != IGNORE:
                    taken.add(f)
    table = _alias_keys(aliases)
    for exact in (True, False):
        # Each header's first field (in alias order), then the fields handed out by the rank of the alias within
        # its field: with "Praktijk" and "Locatie" both there, "Locatie" (the stronger name) is the location.
        candidates = []
        for i, k in enumerate(keys):
            if i in mapping or not k:
                continue
            for fieldname, keys_of, prefixes in table:  # the first field (in alias order) not taken that fits
                if fieldname in taken:
                    continue
                if exact:
                    rank = keys_of.index(k) if k in keys_of else None
                else:
                    rank = next((r for r, a in enumerate(prefixes) if k.startswith(a)), None)
                if rank is not None:
                    candidates.append((rank, i, fieldname))
                    break
        for _, i, fieldname in sorted(candidates):
            if fieldname not in taken:
                mapping[i] = fieldname
                taken.add(fieldname)
    return {i: f for i, f in mapping.items() if f != IGNORE}


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def is_xlsx(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


def read_csv(raw: bytes, peek: int | None = None) -> list[tuple[int, list]]:
    """(line number, cells) for every physical record; the delimiter is sniffed from the first lines.

    Rows, cells and cell sizes are limited (providers.limits); `peek` reads only the first rows."""
    if len(raw) > limits.MAX_CSV_BYTES:
        raise limits.LimitError(f"Het bestand is groter dan {limits.MAX_CSV_BYTES // 1_000_000} MB. " + limits.SPLIT)
    if b"\x00" in raw[:2000] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("Dit bestand is geen tekstbestand (CSV) en geen Excel-bestand; lever CSV of XLSX aan.")
    text = decode(raw)
    if "\x00" in text:  # e.g. UTF-32 read as UTF-16, or a NUL further down: PostgreSQL text cannot hold it
        raise ReadError("Dit bestand bevat ongeldige tekens (NUL); sla het op als CSV (UTF-8) en probeer het opnieuw.")
    first = "\n".join(_first_lines(text, 5))
    counts = {d: first.count(d) for d in (";", "\t", ",", "|")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    append = rows.append
    limit = peek if peek is not None else limits.MAX_ROWS + 10  # a few title rows above the header
    cells_seen = 0
    quoted = '"' in text  # without quotes every record is one physical line: no per-record bookkeeping
    line = 1
    try:
        for cells in reader:
            if len(rows) >= limit:
                if peek is not None:
                    break
                raise limits.too_many_rows(len(rows))
            cells_seen = limits.check_row(line, cells, cells_seen)
            append((line, cells))
            line = reader.line_num + 1 if quoted else line + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.cell_too_long(line) from None
        raise ReadError(f"Het CSV-bestand is niet te lezen rond regel {line}: {exc}.") from None
    return rows


def _first_lines(text: str, n: int) -> list[str]:
    """text.splitlines()[:n] without splitting a whole large file."""
    size = 65_536
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > n:  # the first n lines end inside the prefix
            return lines[:n]
        size *= 4
    return text.splitlines()[:n]


def read_xlsx(
    raw: bytes,
    aliases: Aliases,
    peek: int | None = None,
    confirmed: dict[str, str] | None = None,
    row_score: RowScore | None = None,
) -> list[tuple[int, list]]:
    """Rows of the visible sheet whose header matches best (`row_score`: how well a row fits as header; by default
    the number of recognised headers); hidden columns are left out.

    Streams (openpyxl read-only) after the workbook passed the size checks of providers.limits."""
    with open_workbook(raw) as (zf, wb):
        best, best_score = None, 0
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" or not hasattr(ws, "_worksheet_path"):
                continue
            head = sheet_rows(zf, ws, HEADER_SEARCH_ROWS)
            fits = row_score or (lambda cells: len(match_headers(cells, aliases, confirmed)))
            score = max((fits(cells) for _, cells in head), default=0)
            if score > best_score:
                best, best_score = ws, score
        if best is None:
            return []
        formulas = None if peek is not None else unevaluated_cells(zf, best._worksheet_path)
        return sheet_rows(zf, best, peek, formulas)


def read_rows(
    raw: bytes, aliases: Aliases, confirmed: dict[str, str] | None = None, row_score: RowScore | None = None
) -> list[tuple[int, list]]:
    """(line, cells) of a CSV file, or of the best-fitting sheet of a workbook."""
    if not raw.strip():
        raise ReadError("Het bestand is leeg.")
    return read_xlsx(raw, aliases, confirmed=confirmed, row_score=row_score) if is_xlsx(raw) else read_csv(raw)


def find_header(rows: list[tuple[int, list]], aliases: Aliases, confirmed: dict[str, str] | None = None):
    """(position of the header row among `rows` or None, its column index -> field): the row of the first 40 that
    names most fields (title rows above it are skipped)."""
    header_at, mapping = None, {}
    for pos, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        m = match_headers(cells, aliases, confirmed)
        if len(m) > len(mapping):
            header_at, mapping = pos, m
    return header_at, mapping


def read_table(
    raw: bytes,
    aliases: Aliases,
    kind: str,
    required: tuple[str, ...],
    mapping: dict[str, str] | None = None,
    rows: list[tuple[int, list]] | None = None,
) -> ParsedFile:
    """Find the header row by its content (title rows above it are skipped) and return rows keyed by canonical
    field. `mapping`: headers the provider confirmed (header text -> field, or '-' for not used); `rows`: the
    file's rows when already read (`read_rows`)."""
    confirmed = mapping
    if rows is None:
        rows = read_rows(raw, aliases, confirmed)
    header_at, mapping = find_header(rows, aliases, confirmed)
    missing = [f for f in required if f not in mapping.values()]
    header_cells = rows[header_at][1] if header_at is not None else []
    taken = set(mapping.values())
    ignored = {header_key(h) for h, f in (confirmed or {}).items() if f == IGNORE}  # confirmed as not used
    used = {header_key(header_cells[i]): i for i in sorted(mapping, reverse=True)}  # a header used already
    unused = _unused(header_cells, mapping, ignored)
    unmapped = [
        (str(header_cells[i]).strip(), None if k in used else propose(str(header_cells[i]), aliases, taken))
        for i, k in unused
    ]
    if header_at is None or len(mapping) < min(2, len(aliases)) or missing:
        names = ", ".join(aliases[f][0] for f in missing) or "kolomnamen"
        raise ReadError(
            f"De kopregel is niet gevonden of mist kolommen: {names}. Gebruik de kolomnamen van het sjabloon.",
            unmapped=unmapped,
        )
    parsed = ParsedFile(kind=kind, rows=[], unmapped=unmapped)
    parsed.columns = {name: str(header_cells[i]).strip() for i, name in mapping.items()}
    parsed.guessed = _guessed(header_cells, mapping, aliases, confirmed)
    for i, k in unused:
        h = str(header_cells[i])
        note = duplicate(h, used[k]) if k in used else unrecognised(h, aliases, taken)
        parsed.notes.append((rows[header_at][0], h, note))
    items = list(mapping.items())
    names = [name for _, name in items]
    pick = operator.itemgetter(*(i for i, _ in items)) if len(items) > 1 else lambda cells: (cells[items[0][0]],)
    width = max(mapping) + 1
    text_cells = not is_xlsx(raw)
    append = parsed.rows.append
    for line, cells in rows[header_at + 1 :]:
        if (not "".join(cells).strip()) if text_cells else all(c is None or str(c).strip() == "" for c in cells):
            continue  # empty row: skipped, not an error
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        append(RawRow(line, dict(zip(names, pick(cells)))))
    return parsed


def _unused(header_cells: list, mapping: dict[int, str], ignored: set[str]) -> list[tuple[int, str]]:
    """(index, header key) of the named columns that are not read, each name once (a column 'Opmerking' that occurs
    twice is reported once)."""
    seen: set[str] = set()
    out = []
    for i, h in enumerate(header_cells):
        if i in mapping or h is None or not str(h).strip():
            continue
        k = header_key(str(h))
        if k in ignored or (k in seen and k):
            continue
        seen.add(k)
        out.append((i, k))
    return out


def _guessed(header_cells: list, mapping: dict[int, str], aliases: Aliases, confirmed) -> list[tuple[str, str]]:
    """Columns recognised only because the header starts with a known name (low confidence: to be confirmed)."""
    sure = {header_key(n) for names in aliases.values() for n in names} | {header_key(h) for h in confirmed or {}}
    return [
        (str(header_cells[i]).strip(), f) for i, f in mapping.items() if header_key(str(header_cells[i])) not in sure
    ]


def propose(header: str, aliases: Aliases, taken: set[str]) -> str | None:
    """The field a header most likely means (for the dry run), or None: a known name inside the header, else
    the closest known name."""
    import difflib

    k = header_key(header)
    if not k:
        return None
    names = {header_key(n): f for f, ns in aliases.items() if f not in taken for n in ns}
    inside = [n for n in names if len(n) >= 5 and n in k]
    if inside:
        return names[max(inside, key=len)]
    near = difflib.get_close_matches(k, list(names), n=1, cutoff=0.75)
    return names[near[0]] if near else None


def duplicate(header: str, first: int) -> str:
    """A second column with the name of a column already read (e.g. this month and last month)."""
    return (
        f"Kolom '{header.strip()}' komt twee keer voor; alleen de eerste (kolom {first + 1}) is gebruikt. Geef de "
        "kolommen verschillende namen als beide iets betekenen."
    )


def unrecognised(header: str, aliases: Aliases, taken: set[str]) -> str:
    proposal = propose(header, aliases, taken)
    if proposal is None:
        return f"Kolom '{header}' is niet herkend en niet gebruikt."
    return (
        f"Kolom '{header}' is niet herkend en niet gebruikt. Voorstel: '{aliases[proposal][0]}' ({proposal}); "
        f"bevestig dat met de koppeling {header}={proposal}."
    )


def score(raw: bytes, aliases: Aliases, row_score: RowScore | None = None) -> int:
    """How well this kind's headers fit the file (kind detection)."""
    try:
        rows = (
            read_xlsx(raw, aliases, peek=HEADER_SEARCH_ROWS, row_score=row_score)
            if is_xlsx(raw)
            else read_csv(raw, peek=HEADER_SEARCH_ROWS)
        )
    except limits.LimitError:
        raise
    except ReadError:
        return 0
    fits = row_score or (lambda cells: len(match_headers(cells, aliases)))
    return max((fits(cells) for _, cells in rows[:HEADER_SEARCH_ROWS]), default=0)
