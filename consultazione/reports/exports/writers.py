"""File writers: an XLSX workbook (openpyxl write-only: rows are streamed to disk, memory stays
flat), CSV and JSON. Each returns the number of rows written per dataset."""

import csv
import json
from collections.abc import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from consultazione.process.models import Process

from .datasets import DATASETS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int], None]


def _no_progress(percent: int) -> None:
    return None


def _xlsx_row(sheet, row: list) -> list:
    cells = []
    for value in row:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith("="):
                # openpyxl would store it as a formula: keep it as the text that was typed.
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                value = cell
        cells.append(value)
    return cells


def write_workbook(
    path, *, process: Process, personal_data: bool, keys: Iterable[str] = (), progress: Progress = _no_progress
) -> dict[str, int]:
    """One sheet per dataset (all of them by default), a header row, then one row per record."""
    keys = list(keys) or list(DATASETS)
    workbook = Workbook(write_only=True)
    counts: dict[str, int] = {}
    for index, key in enumerate(keys):
        dataset = DATASETS[key]
        sheet = workbook.create_sheet(title=str(dataset.label)[:31])
        data = dataset.build(process, personal_data)
        sheet.append(data.headers)
        n = 0
        for row in data.rows:
            sheet.append(_xlsx_row(sheet, row))
            n += 1
        counts[key] = n
        progress(round(90 * (index + 1) / len(keys)))
    workbook.save(path)
    return counts


def spreadsheet_safe(value):
    """CSV opened in a spreadsheet: text starting like a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(stream, headers: list[str], rows: Iterable[list], *, safe: bool = True) -> int:
    """`stream` is a text file opened with newline="" and the wanted encoding."""
    writer = csv.writer(stream)
    writer.writerow(headers)
    n = 0
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row] if safe else row)
        n += 1
    return n


def write_json(stream, headers: list[str], rows: Iterable[list]) -> int:
    """A JSON array of objects keyed by the headers, written one record at a time."""
    stream.write("[")
    n = 0
    for row in rows:
        stream.write(",\n" if n else "\n")
        stream.write(json.dumps(dict(zip(headers, row, strict=True)), ensure_ascii=False, default=str))
        n += 1
    stream.write("\n]\n" if n else "]\n")
    return n


def write_dataset(path, *, fmt: str, key: str, process: Process, personal_data: bool) -> dict[str, int]:
    data = DATASETS[key].build(process, personal_data)
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as stream:
            return {key: write_csv(stream, data.headers, data.rows)}
    with open(path, "w", encoding="utf-8") as stream:
        return {key: write_json(stream, data.headers, data.rows)}
