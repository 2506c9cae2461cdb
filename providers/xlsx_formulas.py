"""Formula cells of an XLSX sheet that carry no calculated value (a workbook written by a program that never
calculated it, e.g. openpyxl or some EPD exports): openpyxl with `data_only=True` reads them as empty, which would
look like a cell left blank (and be filled down). They are read as `Unevaluated` (the formula text, a `str`) so the
row can say what is wrong.

A cell counts when it has a formula (`<f>`), no value (`<v>` absent or empty) and no string type: a formula whose
calculated value is the empty string (`=ALS(A2=A1;"";A2)`) is written with `t="str"` and stays empty."""

from __future__ import annotations

import re
import zipfile

from defusedxml.ElementTree import iterparse


class Unevaluated(str):
    """The text of a formula without a calculated value (`=SOM(C2:C9)`); behaves as that text elsewhere."""

    __slots__ = ()


# A formula element closed right before an empty (or absent) value and the end of its cell: cheap pre-check, so
# only workbooks that may hold such a cell are parsed a second time.
_CANDIDATE = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_CHUNK = 1 << 20
_REF = re.compile(r"([A-Z]+)(\d+)")


def _may_have(zf: zipfile.ZipFile, path: str) -> bool:
    tail = b""
    with zf.open(path) as fh:
        while chunk := fh.read(_CHUNK):
            if _CANDIDATE.search(tail + chunk):
                return True
            tail = chunk[-512:]
    return False


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def unevaluated_cells(zf: zipfile.ZipFile, path: str) -> dict[tuple[int, int], Unevaluated]:
    """(row number, 0-based column) -> formula of every formula cell without a calculated value."""
    path = path.lstrip("/")
    if not _may_have(zf, path):
        return {}
    found: dict[tuple[int, int], Unevaluated] = {}
    row, col = 0, -1
    with zf.open(path) as fh:
        for event, elem in iterparse(fh, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    row, col = int(elem.get("r") or row + 1), -1
                continue
            if tag == "c":
                ref = _REF.fullmatch(elem.get("r") or "")
                col = _column(ref.group(1)) if ref else col + 1
                if ref:
                    row = int(ref.group(2))
                formula = value = None
                for child in elem:
                    name = child.tag.rsplit("}", 1)[-1]
                    if name == "f":
                        formula = child
                    elif name == "v":
                        value = child.text
                if formula is not None and not (value or "").strip() and elem.get("t") not in ("str", "s", "inlineStr"):
                    text = (formula.text or "").strip()
                    found[(row, col)] = Unevaluated(f"={text}" if text else "=(formule)")
                elem.clear()
            elif tag == "row":
                elem.clear()
    return found
