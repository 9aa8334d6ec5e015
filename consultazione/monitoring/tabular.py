"""Reading and writing the spreadsheets staff keep (CSV or XLSX): sheets of rows keyed by header.

A workbook holds the sheets "azioni", "indicatori" and "valori"; a CSV file holds one of them.
Rows are numbered as in the spreadsheet (the header is row 1), so refusals point at the right line.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from consultazione.core.exceptions import InvalidInput
from consultazione.core.spreadsheets import csv_bytes, new_workbook, unneutralise, xlsx_append

from .conf import import_max_bytes, import_max_rows

SHEET_ACTIONS = "azioni"
SHEET_INDICATORS = "indicatori"
SHEET_VALUES = "valori"
SHEETS = (SHEET_ACTIONS, SHEET_INDICATORS, SHEET_VALUES)

ACTION_COLUMNS = (
    "piano",
    "codice_azione",
    "titolo",
    "stato",
    "avanzamento",
    "confluita_in",
    "ufficio_responsabile",
    "partner",
    "budget_euro",
    "fonte_finanziamento",
    "data_avvio",
    "data_conclusione",
)
INDICATOR_COLUMNS = (
    "piano",
    "codice_azione",
    "indicatore",
    "descrizione",
    "unita",
    "valore_partenza",
    "data_partenza",
    "obiettivo",
    "data_obiettivo",
    "posizione",
)
VALUE_COLUMNS = ("piano", "codice_azione", "indicatore", "unita", "data", "valore", "nota")
COLUMNS = {SHEET_ACTIONS: ACTION_COLUMNS, SHEET_INDICATORS: INDICATOR_COLUMNS, SHEET_VALUES: VALUE_COLUMNS}

Row = dict[str, Any]
Sheet = list[tuple[int, Row]]


def _header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = unneutralise(value.strip()).strip()  # the apostrophe our own export put there
    return value


def _rows(header: Sequence[Any], body: Iterable[Sequence[Any]], *, first_row: int = 2) -> Sheet:
    names = [_header(name) for name in header]
    rows: Sheet = []
    for number, values in enumerate(body, start=first_row):
        row = {name: _cell(value) for name, value in zip(names, values, strict=False) if name}
        if any(value not in (None, "") for value in row.values()):
            rows.append((number, row))
        if len(rows) > import_max_rows():
            raise InvalidInput(_("Il file ha più di %(n)d righe: dividilo in più file.") % {"n": import_max_rows()})
    return rows


def read_csv(content: bytes) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("Il CSV deve essere in codifica UTF-8.")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not records:
        return []
    return _rows(records[0], records[1:])


def read_xlsx(content: bytes) -> dict[str, Sheet]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(_("Il file non è un foglio di calcolo XLSX leggibile.")) from exc
    sheets: dict[str, Sheet] = {}
    try:
        for worksheet in workbook.worksheets:
            name = _header(worksheet.title)
            if name not in SHEETS:
                continue
            iterator = worksheet.iter_rows(values_only=True)
            header = next(iterator, None)
            sheets[name] = _rows(header, iterator) if header else []
    finally:
        workbook.close()
    return sheets


def read_upload(upload: BinaryIO, *, filename: str, sheet: str | None = None) -> dict[str, Sheet]:
    """The sheets of an uploaded file; a CSV needs `sheet` to say which table it holds."""
    content = upload.read(import_max_bytes() + 1)
    if len(content) > import_max_bytes():
        raise InvalidInput(_("Il file supera %(mb)d MB.") % {"mb": import_max_bytes() // (1024 * 1024)})
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return read_xlsx(content)
    if lowered.endswith(".csv"):
        if sheet not in SHEETS:
            raise InvalidInput(_("Indica quale tabella contiene il CSV: azioni, indicatori o valori."))
        return {sheet: read_csv(content)}
    raise InvalidInput(_("Formato non riconosciuto: carica un file .csv o .xlsx."))


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value if isinstance(value, str | int | float | Decimal) else str(value)


def write_csv(columns: Sequence[str], rows: Iterable[Row]) -> bytes:
    """Formulas are neutralised by core.spreadsheets (and read back by `_cell`)."""
    return csv_bytes(columns, ([_csv_text(row.get(column)) for column in columns] for row in rows))


def _xlsx_value(value: Any):
    return float(value) if isinstance(value, Decimal) else value


def write_xlsx(sheets: dict[str, tuple[Sequence[str], Iterable[Row]]]) -> bytes:
    workbook = new_workbook()  # streamed: constant memory, fast for thousands of rows
    for title, (columns, rows) in sheets.items():
        worksheet = workbook.create_sheet(title)
        worksheet.append(list(columns))
        for row in rows:
            xlsx_append(worksheet, [_xlsx_value(row.get(column)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
