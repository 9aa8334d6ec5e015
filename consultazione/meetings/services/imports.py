"""Import of a participant list (CSV) for closed meetings such as the Cabina di regia.

All or nothing: every row is checked first; if any row is refused nothing is imported and the
report lists each refused row with the reason, so staff fix the file and upload it again.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from consultazione.core.permissions import check_perm
from consultazione.stakeholders.models import Category, Organisation
from consultazione.territory.models import Comune

from ..models import Meeting, Registration, RegistrationSource, RegistrationStatus
from .registrations import normalise_email, registration_create

REQUIRED_COLUMNS = ("nome", "cognome")
OPTIONAL_COLUMNS = ("email", "organizzazione", "categoria", "comune")
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


@dataclass
class RefusedRow:
    line: int
    reason: str


@dataclass
class ImportReport:
    imported: int = 0
    confirmed: int = 0
    waiting: int = 0
    refused: list[RefusedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _reader(text: str) -> csv.DictReader:
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    reader.fieldnames = [name.strip().lower() for name in (reader.fieldnames or [])]
    return reader


class _Lookups:
    def __init__(self, rows: list[dict]):
        categories = list(Category.objects.all())
        self.categories = {c.code.lower(): c for c in categories} | {c.label.lower(): c for c in categories}
        wanted = {(row.get("comune") or "").strip() for row in rows} - {""}
        comuni = Comune.objects.filter(Q(name__in=wanted) | Q(istat_code__in=wanted)) if wanted else []
        self.comuni = {c.name.lower(): c for c in comuni} | {c.istat_code: c for c in comuni}
        names = {(row.get("organizzazione") or "").strip() for row in rows} - {""}
        orgs = Organisation.objects.select_related("category").filter(name__in=names) if names else []
        self.organisations = {o.name.lower(): o for o in orgs}


def _check_row(row: dict, line: int, lookups: _Lookups, seen: dict[str, int], registered: set[str]) -> tuple[dict, list[str]]:
    reasons, clean = [], {}
    for column in REQUIRED_COLUMNS:
        value = (row.get(column) or "").strip()
        if not value:
            reasons.append(_("manca «%(c)s»") % {"c": column})
        elif len(value) > 150:
            reasons.append(_("«%(c)s» è troppo lungo (massimo 150 caratteri)") % {"c": column})
        clean[column] = value
    email = normalise_email(row.get("email") or "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(_("email non valida: %(e)s") % {"e": email})
        if email in seen:
            reasons.append(_("email ripetuta (già alla riga %(n)s)") % {"n": seen[email]})
        elif email in registered:
            reasons.append(_("persona già iscritta a questo incontro"))
        seen.setdefault(email, line)
    clean["email"] = email
    organisation_name = (row.get("organizzazione") or "").strip()
    if len(organisation_name) > 200:
        reasons.append(_("«organizzazione» è troppo lungo (massimo 200 caratteri)"))
    clean["organisation_name"] = organisation_name
    clean["organisation"] = lookups.organisations.get(organisation_name.lower())
    category = (row.get("categoria") or "").strip().lower()
    clean["category"] = lookups.categories.get(category) if category else None
    if category and clean["category"] is None:
        reasons.append(_("categoria sconosciuta: %(c)s") % {"c": row.get("categoria")})
    if clean["category"] is None and clean["organisation"] is not None:
        clean["category"] = clean["organisation"].category
    comune = (row.get("comune") or "").strip()
    clean["comune"] = lookups.comuni.get(comune.lower()) or lookups.comuni.get(comune) if comune else None
    if comune and clean["comune"] is None:
        reasons.append(_("comune sconosciuto: %(c)s") % {"c": comune})
    return clean, reasons


@transaction.atomic
def registrations_import(*, actor, meeting: Meeting, data: bytes) -> ImportReport:
    check_perm(actor, "meetings.import_registrations", meeting)
    report = ImportReport()
    if Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=False).exists():
        report.refused.append(RefusedRow(0, _("L'incontro è stato annullato: le iscrizioni sono chiuse.")))
        return report
    if len(data) > MAX_BYTES:
        report.refused.append(RefusedRow(0, _("Il file supera 2 MB.")))
        return report
    reader = _reader(_decode(data))
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        report.refused.append(
            RefusedRow(
                1,
                _("Mancano le colonne obbligatorie: %(c)s. Intestazione attesa: %(h)s.")
                % {"c": ", ".join(missing), "h": ";".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)},
            )
        )
        return report
    rows = list(reader)
    if not rows:
        report.refused.append(RefusedRow(1, _("Il file non contiene righe di partecipanti.")))
        return report
    if len(rows) > MAX_ROWS:
        report.refused.append(RefusedRow(0, _("Al massimo %(n)s righe per file.") % {"n": MAX_ROWS}))
        return report
    lookups = _Lookups(rows)
    registered = set(
        Registration.objects.filter(meeting=meeting).exclude(status=RegistrationStatus.CANCELLED).values_list("email", flat=True)
    )
    seen: dict[str, int] = {}
    cleaned = []
    for line, row in enumerate(rows, start=2):
        if None in row:
            report.refused.append(RefusedRow(line, _("la riga ha più colonne dell'intestazione")))
            continue
        clean, reasons = _check_row(row, line, lookups, seen, registered)
        if reasons:
            report.refused.append(RefusedRow(line, "; ".join(reasons)))
        cleaned.append(clean)
    if report.refused:
        return report
    for clean in cleaned:
        result = registration_create(
            meeting=meeting,
            first_name=clean["nome"],
            last_name=clean["cognome"],
            email=clean["email"],
            consent=False,
            organisation_name=clean["organisation_name"],
            organisation=clean["organisation"],
            category=clean["category"],
            comune=clean["comune"],
            source=RegistrationSource.IMPORT,
        )
        report.imported += 1
        if result.registration.status == RegistrationStatus.CONFIRMED:
            report.confirmed += 1
        else:
            report.waiting += 1
    return report
