"""A small declarative table: columns over `values_list` fields, streamed with iterator()."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

CHUNK_SIZE = 2000


def iso(value, tz=None) -> str:
    """ISO 8601: local time with offset for datetimes, YYYY-MM-DD for dates, "" for none."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(tz or timezone.get_current_timezone()).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(value, tz):
    """A cell as written: dates in ISO 8601; None stays None (an empty CSV field, a JSON null,
    a cell the XLSX writer skips entirely)."""
    if isinstance(value, (datetime, date)):
        return iso(value, tz)
    return value


def yes_no(value) -> str:
    return "sì" if value else "no"


def label_of(choices) -> Callable:
    """Value → label, translated once per export (labels are lazy: str() on every row is costly)."""
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value or "")


@dataclass(frozen=True)
class Column:
    header: str
    fields: tuple[str, ...]
    convert: Callable | None = None
    personal: bool = False


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
    spans: list[tuple[int, int, Callable | None]] = []
    for column in chosen:
        start = len(fields)
        fields.extend(column.fields)
        spans.append((start, len(fields), column.convert))

    def rows() -> Iterator[list]:
        tz = timezone.get_current_timezone()
        for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
            yield [_plain(values[start], tz) if convert is None else convert(*values[start:end]) for start, end, convert in spans]

    return Table(headers=[column.header for column in chosen], rows=rows())
