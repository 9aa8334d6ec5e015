"""The one writer for every CSV and XLSX file the platform hands out (staff downloads, public
exports, open data): text that a spreadsheet program would run as a formula is neutralised.

CSV/formula injection (OWASP "CSV Injection"): a cell whose text starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return — also after leading spaces — is read as a formula by Excel,
LibreOffice and Google Sheets (``=HYPERLINK(...)``, DDE payloads). Such text is prefixed with an
apostrophe in CSV; in XLSX it is written as a text cell with Excel's "quote prefix" style, so the
workbook shows the exact text and never evaluates it. Numbers stay numbers: int, float and
Decimal values are never touched, and neither is a string that is just a number ("-3", "+2.5"),
so negative figures keep working in formulas and in machines reading the file.

    writer = csv_writer(stream, delimiter=";")
    writer.writerow(["=HYPERLINK(...)", -3])       # → '=HYPERLINK(...);-3

Readers of files we wrote (the monitoring import) call `unneutralise` to get the text back.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet program could read this text as a formula."""
    if _NUMBER.fullmatch(text.strip()):
        return False
    return text.startswith(FORMULA_START) or text.lstrip(" \n\x0b\x0c").startswith(FORMULA_START)


def neutralise(value: Any) -> Any:
    """A CSV cell: formula-like text gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def unneutralise(value: Any) -> Any:
    """The text before `neutralise` (for files this platform wrote and staff bring back)."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


class SafeCsvWriter:
    """`csv.writer` whose rows go through `neutralise`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(stream, **kwargs)


def csv_bytes(headers: Sequence[Any], rows: Iterable[Iterable[Any]], *, delimiter: str = ",", bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_cell(sheet, value: Any) -> Any:
    """A value for a write-only sheet's `append`: formula-like text becomes a text cell."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if is_formula_like(value) or value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would otherwise store any "=…" string as a formula
            cell.quotePrefix = True  # Excel's "typed with an apostrophe": stays text when edited
            return cell
    return value


def new_workbook() -> Workbook:
    """A write-only workbook: rows are streamed, memory stays flat."""
    return Workbook(write_only=True)


def xlsx_append(sheet, row: Iterable[Any]) -> None:
    sheet.append([xlsx_cell(sheet, value) for value in row])
