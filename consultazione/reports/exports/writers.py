"""File writers: an XLSX workbook (openpyxl write-only: rows are streamed to disk, memory stays
flat), CSV and JSON. Each returns the number of rows written per dataset. CSV and XLSX go through
core.spreadsheets, which neutralises formulas (CSV injection); JSON keeps the exact text."""

import json
from collections.abc import Callable, Iterable

from consultazione.core.spreadsheets import csv_writer, new_workbook, xlsx_append
from consultazione.process.models import Process

from .datasets import DATASETS

Progress = Callable[[int], None]


def _no_progress(percent: int) -> None:
    return None


def write_workbook(
    path, *, process: Process, personal_data: bool, keys: Iterable[str] = (), progress: Progress = _no_progress
) -> dict[str, int]:
    """One sheet per dataset (all of them by default), a header row, then one row per record."""
    keys = list(keys) or list(DATASETS)
    workbook = new_workbook()
    counts: dict[str, int] = {}
    for index, key in enumerate(keys):
        dataset = DATASETS[key]
        sheet = workbook.create_sheet(title=str(dataset.label)[:31])
        data = dataset.build(process, personal_data)
        sheet.append(data.headers)
        n = 0
        for row in data.rows:
            xlsx_append(sheet, row)
            n += 1
        counts[key] = n
        progress(round(90 * (index + 1) / len(keys)))
    workbook.save(path)
    return counts


def write_csv(stream, headers: list[str], rows: Iterable[list]) -> int:
    """`stream` is a text file opened with newline="" and the wanted encoding."""
    writer = csv_writer(stream)
    writer.writerow(headers)
    n = 0
    for row in rows:
        writer.writerow(row)
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
