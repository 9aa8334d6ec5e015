"""Rows of the tracking spreadsheets (same columns the import reads back), 3 queries per sheet."""

from django.db.models import Prefetch

from consultazione.plan.models import Plan

from ..models import Indicator, IndicatorValue, TrackingStatus
from ..tabular import (
    ACTION_COLUMNS,
    INDICATOR_COLUMNS,
    SHEET_ACTIONS,
    SHEET_INDICATORS,
    SHEET_VALUES,
    VALUE_COLUMNS,
    Row,
    write_csv,
    write_xlsx,
)
from .actions import actions_with_tracking, tracking_of


def action_rows(*, plan: Plan) -> list[Row]:
    rows = []
    actions = actions_with_tracking(plan=plan).prefetch_related("tracking__partners")
    for action in actions:
        tracking = tracking_of(action)
        row: Row = {"piano": plan.slug, "codice_azione": action.code, "titolo": action.title}
        if tracking is None:
            row.update({"stato": TrackingStatus.NOT_STARTED.value, "avanzamento": 0})
        else:
            row.update(
                {
                    "stato": tracking.status,
                    "avanzamento": tracking.progress,
                    "confluita_in": tracking.merged_into.code if tracking.merged_into_id else "",
                    "ufficio_responsabile": tracking.responsible_office,
                    "partner": "; ".join(sorted(partner.name for partner in tracking.partners.all())),
                    "budget_euro": tracking.budget,
                    "fonte_finanziamento": tracking.funding_source,
                    "data_avvio": tracking.start_date,
                    "data_conclusione": tracking.end_date,
                }
            )
        rows.append(row)
    return rows


def _indicators(plan: Plan):
    return (
        Indicator.objects.filter(tracking__action__strategy__axis__plan=plan)
        .select_related("tracking__action")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("date")))
        .order_by("tracking__action__code", "position", "id")
    )


def indicator_rows(*, plan: Plan) -> list[Row]:
    return [
        {
            "piano": plan.slug,
            "codice_azione": indicator.tracking.action.code,
            "indicatore": indicator.name,
            "descrizione": indicator.description,
            "unita": indicator.unit,
            "valore_partenza": indicator.baseline,
            "data_partenza": indicator.baseline_date,
            "obiettivo": indicator.target,
            "data_obiettivo": indicator.target_date,
            "posizione": indicator.position,
        }
        for indicator in _indicators(plan)
    ]


def value_rows(*, plan: Plan) -> list[Row]:
    return [
        {
            "piano": plan.slug,
            "codice_azione": indicator.tracking.action.code,
            "indicatore": indicator.name,
            "unita": value.unit,
            "data": value.date,
            "valore": value.value,
            "nota": value.note,
        }
        for indicator in _indicators(plan)
        for value in indicator.values.all()
    ]


SHEET_BUILDERS = {
    SHEET_ACTIONS: (ACTION_COLUMNS, action_rows),
    SHEET_INDICATORS: (INDICATOR_COLUMNS, indicator_rows),
    SHEET_VALUES: (VALUE_COLUMNS, value_rows),
}


def tracking_export_csv(*, plan: Plan, sheet: str = SHEET_ACTIONS) -> bytes:
    columns, builder = SHEET_BUILDERS[sheet]
    return write_csv(columns, builder(plan=plan))


def tracking_export_xlsx(*, plan: Plan) -> bytes:
    return write_xlsx({name: (columns, builder(plan=plan)) for name, (columns, builder) in SHEET_BUILDERS.items()})
