"""Everything the final report says, gathered with a fixed number of queries. The figures are
the dashboard's (same selectors, same definitions); the synthesis is the staff's text."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from consultazione.contributions.models import ContributionKind, Outcome, Status
from consultazione.moderation.models import OutcomeRecord
from consultazione.plan.models import Axis
from consultazione.process.models import Process

from ..models import AxisSynthesis, ParticipationReport
from ..restituzione.charts import bar_chart_svg
from ..selectors import Dashboard, Reference, Scope, dashboard, definitions
from ..selectors.figures import Matrix, PriorityResult, Row

CHANGING_OUTCOMES = (Outcome.ACCOLTO, Outcome.PARZIALE)


@dataclass
class AxisSection:
    axis: Axis
    total: int
    by_kind: list[Row]
    by_outcome: list[Row]
    top_supported: list[dict]
    priorities: list[PriorityResult]
    synthesis: AxisSynthesis | None
    kind_chart: str = ""
    outcome_chart: str = ""
    label: str = ""


@dataclass
class PlanChange:
    code: str
    title: str
    accepted: int
    partial: int


@dataclass
class ReportData:
    process: Process
    report: ParticipationReport | None
    phases: list
    figures: Dashboard
    axes: list[AxisSection]
    plan_changes: list[PlanChange]
    definitions: list = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)


def _matrix_row(matrix: Matrix, key: str) -> list[Row]:
    for row, cells in zip(matrix.rows, matrix.cells, strict=True):
        if row.key == key:
            return [Row(key=col.key, label=col.label, count=n) for col, n in zip(matrix.columns, cells, strict=True)]
    return [Row(key=col.key, label=col.label, count=0) for col in matrix.columns]


def _top_supported_per_axis(scope: Scope, axis_ids: list[int], per_axis: int = 3) -> dict[int, list[dict]]:
    """One small query per axis of the plan (each walks the (axis, status, -support_count) index)."""
    grouped: dict[int, list[dict]] = {}
    for axis_id in axis_ids:
        rows = (
            scope.contributions()
            .filter(axis_id=axis_id, support_count__gt=0)
            .order_by("-support_count", "created_at", "id")
            .values("reference", "title", "kind", "support_count", "outcome")[:per_axis]
        )
        grouped[axis_id] = [
            {
                **row,
                "kind": str(ContributionKind(row["kind"]).label),
                "outcome": str(Outcome(row["outcome"]).label) if row["outcome"] else "",
            }
            for row in rows
        ]
    return grouped


def _plan_changes(process: Process) -> list[PlanChange]:
    """Accepted and partly accepted public contributions per plan strategy they were integrated in."""
    rows = (
        OutcomeRecord.objects.filter(
            contribution__process=process,
            contribution__status=Status.PUBLISHED,
            contribution__is_private=False,
            outcome__in=CHANGING_OUTCOMES,
        )
        .values("strategy__code", "strategy__title", "outcome")
        .annotate(n=Count("id"))
        .order_by("strategy__code")
    )
    changes: dict[str, PlanChange] = {}
    for row in rows:
        code = row["strategy__code"] or ""
        change = changes.setdefault(
            code, PlanChange(code=code, title=row["strategy__title"] or _("Non collegati a una strategia"), accepted=0, partial=0)
        )
        if row["outcome"] == Outcome.ACCOLTO:
            change.accepted += row["n"]
        else:
            change.partial += row["n"]
    return sorted(changes.values(), key=lambda c: (not c.code, [int(p) for p in c.code.split(".") if p.isdigit()]))


def _chart(title: str, rows: list[Row], chart_id: str, colour: str = "#0066CC") -> str:
    options = [{"label": row.label, "count": row.count} for row in rows]
    return bar_chart_svg(title=title, options=options, chart_id=chart_id, colour=colour) if options else ""


def report_data(process: Process, *, report: ParticipationReport | None = None) -> ReportData:
    ref = Reference.load(process)
    figures = dashboard(process=process, ref=ref)
    scope = Scope(process=process)
    top = _top_supported_per_axis(scope, list(ref.axes))
    syntheses = {s.axis_id: s for s in report.axis_syntheses.all()} if report is not None else {}
    sections = []
    counted = {int(row.key) for row in figures.contributions.by_axis if row.key and row.count}
    for pk, axis in ref.axes.items():
        if pk not in ref.working_axes and pk not in counted:  # the plan in force: only axes with contributions
            continue
        label = ref.axis_label(pk)
        by_kind = _matrix_row(figures.contributions.kind_by_axis, str(pk))
        by_outcome = _matrix_row(figures.outcomes.by_axis, str(pk))
        sections.append(
            AxisSection(
                axis=axis,
                total=sum(row.count for row in by_kind),
                by_kind=by_kind,
                by_outcome=by_outcome,
                top_supported=top.get(pk, []),
                priorities=[p for p in figures.priorities if p.axis == label],
                synthesis=syntheses.get(pk),
                kind_chart=_chart(
                    _("Contributi per tipo – asse %(n)s") % {"n": axis.code}, by_kind, f"axis-{pk}-kind", axis.colour
                ),
                outcome_chart=_chart(_("Esiti – asse %(n)s") % {"n": axis.code}, by_outcome, f"axis-{pk}-outcome", axis.colour),
                label=label,
            )
        )
    c = figures.contributions
    charts = {
        "axis": _chart(_("Contributi per asse"), c.by_axis, "chart-axis"),
        "channel": _chart(_("Contributi per canale"), c.by_channel, "chart-channel"),
        "zone": _chart(_("Contributi per zona omogenea"), c.by_zone, "chart-zone"),
        "outcome": _chart(_("Esiti"), figures.outcomes.by_outcome, "chart-outcome"),
        "attendance": _chart(_("Presenze per categoria"), figures.meetings.attendance_by_category, "chart-attendance"),
    }
    return ReportData(
        process=process,
        report=report,
        phases=list(ref.phases.values()),
        figures=figures,
        axes=sections,
        plan_changes=_plan_changes(process),
        definitions=definitions(),
        charts=charts,
    )
