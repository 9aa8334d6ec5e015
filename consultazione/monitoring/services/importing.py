"""Import of the tracking spreadsheets: every row is checked, and either all rows are written
(through the same services as the admin, so each change is audited) or none is."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm
from consultazione.plan.models import Action, Plan
from consultazione.stakeholders.models import Organisation

from ..models import ActionTrackingChange, Indicator, IndicatorValue, TrackingStatus, Unit
from ..tabular import SHEET_ACTIONS, SHEET_INDICATORS, SHEET_VALUES, Row, Sheet
from .indicators import indicator_save, indicator_value_record
from .tracking import tracking_ensure, tracking_update

# Model field → spreadsheet column, so that validation errors name the column staff see.
FIELD_COLUMNS = {
    "status": "stato",
    "progress": "avanzamento",
    "merged_into": "confluita_in",
    "responsible_office": "ufficio_responsabile",
    "budget": "budget_euro",
    "funding_source": "fonte_finanziamento",
    "start_date": "data_avvio",
    "end_date": "data_conclusione",
    "name": "indicatore",
    "description": "descrizione",
    "unit": "unita",
    "baseline": "valore_partenza",
    "baseline_date": "data_partenza",
    "target": "obiettivo",
    "target_date": "data_obiettivo",
    "position": "posizione",
    "date": "data",
    "value": "valore",
    "note": "nota",
}


class RowError(Exception):
    pass


class ImportRefused(InvalidInput):
    """Nothing was imported; `rows` lists (sheet, row number, reason) for every refused row."""

    default_code = "import_refused"

    def __init__(self, rows: list[tuple[str, int, str]]):
        super().__init__(_("Importazione rifiutata: %(n)d righe non valide, nessuna modifica salvata.") % {"n": len(rows)})
        self.rows = rows


@dataclass
class ImportReport:
    actions: int = 0
    indicators: int = 0
    values: int = 0
    changes: int = 0


def _text(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def parse_decimal(raw: Any, column: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "").replace("€", "").replace("%", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise RowError(_("%(c)s: «%(v)s» non è un numero.") % {"c": column, "v": raw})


def parse_percent(raw: Any, column: str) -> int | None:
    number = parse_decimal(raw, column)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise RowError(_("%(c)s: l'avanzamento è un numero intero (%(v)s).") % {"c": column, "v": raw})
    if not 0 <= number <= 100:
        raise RowError(_("%(c)s: %(v)s è fuori dall'intervallo 0–100.") % {"c": column, "v": raw})
    return int(number)


def parse_date(raw: Any, column: str) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(_("%(c)s: «%(v)s» non è una data (usa AAAA-MM-GG o GG/MM/AAAA).") % {"c": column, "v": raw})


def parse_choice(raw: Any, choices, column: str) -> str:
    text = str(raw or "").strip().lower()
    for value, label in choices.choices:
        if text in (value.lower(), str(label).lower()):
            return value
    allowed = ", ".join(choices.values)
    raise RowError(_("%(c)s: «%(v)s» non è tra i valori ammessi (%(a)s).") % {"c": column, "v": raw, "a": allowed})


def _validation_reason(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{FIELD_COLUMNS.get(field, field)}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


class _Importer:
    def __init__(self, *, actor, plan: Plan):
        self.actor, self.plan = actor, plan
        self.actions = {action.code: action for action in Action.objects.filter(strategy__axis__plan=plan)}
        self.organisations = {org.name.casefold(): org for org in Organisation.objects.all()}
        self.errors: list[tuple[str, int, str]] = []
        self.report = ImportReport()
        self._indicators: dict[tuple[int, str], Indicator] | None = None
        self._values: dict[tuple[int, date], tuple] = {}

    def action(self, row: Row) -> Action:
        plan_slug = _text(row, "piano")
        if plan_slug and plan_slug != self.plan.slug:
            raise RowError(_("piano: la riga è del piano «%(p)s», non di «%(q)s».") % {"p": plan_slug, "q": self.plan.slug})
        code = _text(row, "codice_azione")
        if not code:
            raise RowError(_("codice_azione: manca il codice dell'azione."))
        if code not in self.actions:
            raise RowError(_("codice_azione: l'azione «%(c)s» non esiste nel %(p)s.") % {"c": code, "p": self.plan})
        return self.actions[code]

    def indicator(self, row: Row, action: Action) -> Indicator:
        """Looked up in one query for the whole sheet (the "indicatori" sheet is imported before "valori")."""
        if self._indicators is None:
            indicators = Indicator.objects.filter(tracking__action__strategy__axis__plan=self.plan).select_related(
                "tracking__action"
            )
            self._indicators = {(item.tracking.action_id, item.name): item for item in indicators}
            values = IndicatorValue.objects.filter(indicator__in=list(self._indicators.values()))
            self._values = {(v.indicator_id, v.date): (v.value, v.unit, v.note) for v in values}
        name = _text(row, "indicatore")
        indicator = self._indicators.get((action.pk, name))
        if indicator is None:
            raise RowError(_("indicatore: l'azione %(c)s non ha l'indicatore «%(n)s».") % {"c": action.code, "n": name})
        return indicator

    def run(self, sheet_name: str, rows: Sheet, handler) -> None:
        seen: dict[tuple, int] = {}
        for number, row in rows:
            try:
                key = handler(row, seen_key=True)
                if key in seen:
                    raise RowError(_("riga ripetuta: stessi dati identificativi della riga %(n)d.") % {"n": seen[key]})
                seen[key] = number
                handler(row)
            except RowError as exc:
                self.errors.append((sheet_name, number, str(exc)))
            except ValidationError as exc:
                self.errors.append((sheet_name, number, _validation_reason(exc)))

    def action_row(self, row: Row, *, seen_key: bool = False):
        action = self.action(row)
        if seen_key:
            return (action.code,)
        data: dict[str, Any] = {}
        if "stato" in row:
            data["status"] = parse_choice(row["stato"], TrackingStatus, "stato")
        if "avanzamento" in row:
            data["progress"] = parse_percent(row["avanzamento"], "avanzamento") or 0
        if "confluita_in" in row:
            target = _text(row, "confluita_in")
            if target and target not in self.actions:
                raise RowError(_("confluita_in: l'azione «%(c)s» non esiste nel %(p)s.") % {"c": target, "p": self.plan})
            data["merged_into"] = self.actions.get(target)
        for column, field in (("ufficio_responsabile", "responsible_office"), ("fonte_finanziamento", "funding_source")):
            if column in row:
                data[field] = _text(row, column)
        if "budget_euro" in row:
            data["budget"] = parse_decimal(row["budget_euro"], "budget_euro")
        for column, field in (("data_avvio", "start_date"), ("data_conclusione", "end_date")):
            if column in row:
                data[field] = parse_date(row[column], column)
        if "partner" in row:
            names = [name.strip() for name in _text(row, "partner").split(";") if name.strip()]
            unknown = [name for name in names if name.casefold() not in self.organisations]
            if unknown:
                raise RowError(_("partner: organizzazioni non registrate: %(n)s.") % {"n": ", ".join(unknown)})
            data["partners"] = [self.organisations[name.casefold()] for name in names]
        tracking_update(actor=self.actor, action=action, data=data, source="import")
        self.report.actions += 1

    def indicator_row(self, row: Row, *, seen_key: bool = False):
        action = self.action(row)
        name = _text(row, "indicatore")
        if not name:
            raise RowError(_("indicatore: manca il nome dell'indicatore."))
        if seen_key:
            return (action.code, name.casefold())
        tracking = tracking_ensure(actor=self.actor, action=action, source="import")
        indicator = Indicator.objects.filter(tracking=tracking, name=name).first() or Indicator(tracking=tracking, name=name)
        indicator.unit = parse_choice(row.get("unita"), Unit, "unita")
        indicator.description = _text(row, "descrizione") if "descrizione" in row else indicator.description
        indicator.baseline = parse_decimal(row.get("valore_partenza"), "valore_partenza")
        indicator.baseline_date = parse_date(row.get("data_partenza"), "data_partenza")
        indicator.target = parse_decimal(row.get("obiettivo"), "obiettivo")
        indicator.target_date = parse_date(row.get("data_obiettivo"), "data_obiettivo")
        position = parse_decimal(row.get("posizione"), "posizione")
        indicator.position = int(position) if position is not None else indicator.position
        indicator_save(actor=self.actor, indicator=indicator, source="import")
        self.report.indicators += 1

    def value_row(self, row: Row, *, seen_key: bool = False):
        action = self.action(row)
        measured_on = parse_date(row.get("data"), "data")
        if measured_on is None:
            raise RowError(_("data: manca la data della misura."))
        if seen_key:
            return (action.code, _text(row, "indicatore").casefold(), measured_on)
        indicator = self.indicator(row, action)
        value = parse_decimal(row.get("valore"), "valore")
        if value is None:
            raise RowError(_("valore: manca il valore misurato."))
        unit = parse_choice(row.get("unita"), Unit, "unita")
        note = _text(row, "nota")
        self.report.values += 1
        if self._values.get((indicator.pk, measured_on)) == (value, unit, note):
            return None  # unchanged: no query, no log
        indicator_value_record(
            actor=self.actor,
            indicator=indicator,
            date=measured_on,
            value=value,
            unit=unit,
            note=note,
            source="import",
        )
        return None


@transaction.atomic
def tracking_import(*, actor, plan: Plan, sheets: dict[str, Sheet]) -> ImportReport:
    """Import the sheets "azioni", "indicatori", "valori" (any subset) for the actions of `plan`.

    Raises ImportRefused listing every refused row; then nothing is stored.
    """
    check_perm(actor, "monitoring.import_tracking", plan)
    if not any(sheets.get(name) for name in (SHEET_ACTIONS, SHEET_INDICATORS, SHEET_VALUES)):
        raise InvalidInput(_("Il file non contiene righe da importare nei fogli azioni, indicatori o valori."))
    last_change = ActionTrackingChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    importer = _Importer(actor=actor, plan=plan)
    importer.run(SHEET_ACTIONS, sheets.get(SHEET_ACTIONS, []), importer.action_row)
    importer.run(SHEET_INDICATORS, sheets.get(SHEET_INDICATORS, []), importer.indicator_row)
    importer.run(SHEET_VALUES, sheets.get(SHEET_VALUES, []), importer.value_row)
    if importer.errors:
        raise ImportRefused(importer.errors)
    importer.report.changes = ActionTrackingChange.objects.filter(pk__gt=last_change).count()
    return importer.report
