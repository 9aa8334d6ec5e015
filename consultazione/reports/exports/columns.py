"""A small declarative table: columns over `values_list` fields, streamed with iterator()."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

CHUNK_SIZE = 2000


def iso(value) -> str:
    """ISO 8601: local time with offset for datetimes, YYYY-MM-DD for dates, "" for none."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def yes_no(value) -> str:
    return "sì" if value else "no"


def label_of(choices) -> Callable:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value or ""))


@dataclass(frozen=True)
class Column:
    header: str
    fields: tuple[str, ...]
    convert: Callable | None = None
    personal: bool = False

    def value(self, values: tuple):
        if self.convert is not None:
            return self.convert(*values)
        value = values[0]
        if isinstance(value, (datetime, date)):
            return iso(value)
        return "" if value is None else value


def col(header: str, *fields: str, convert: Callable | None = None, personal: bool = False) -> Column:
    return Column(header=header, fields=fields, convert=convert, personal=personal)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: Iterator[list]


def table(queryset: QuerySet, columns: list[Column], *, personal_data: bool) -> Table:
    """Stream `queryset` as rows of the chosen columns (personal columns only when allowed)."""
    chosen = [column for column in columns if personal_data or not column.personal]
    fields: list[str] = []
    slices = []
    for column in chosen:
        start = len(fields)
        fields.extend(column.fields)
        slices.append((column, start, len(fields)))

    def rows() -> Iterator[list]:
        for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
            yield [column.value(values[start:end]) for column, start, end in slices]

    return Table(headers=[column.header for column in chosen], rows=rows())
