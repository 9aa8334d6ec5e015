"""Progress roll-up of a plan: the one place that defines how a strategy's and an axis's % is computed.

Rule (plain average, see docs/monitoring.md):
- an action's progress is its own (0 when it has no tracking yet);
- a strategy's progress is the plain average of its actions, leaving out actions merged into
  another one (their work continues there);
- an axis's progress is the plain average of its strategies that have at least one counted action;
- the plan's progress is the plain average of its axes that have a progress.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, IntegerField, Q, Value
from django.db.models.functions import Coalesce

from consultazione.plan.models import Axis, Plan, Strategy

from ..models import TrackingStatus

# An action counts in the roll-up unless it was merged into another action.
_COUNTED = Q(actions__tracking__isnull=True) | ~Q(actions__tracking__status=TrackingStatus.MERGED)


def _status_filter(status: str) -> Q:
    if status == TrackingStatus.NOT_STARTED:
        return Q(actions__tracking__isnull=True) | Q(actions__tracking__status=status)
    return Q(actions__tracking__status=status)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _summary(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(status, label, count) in the order of TrackingStatus, for templates."""
    return [(status.value, status.label, counts[status.value]) for status in TrackingStatus]


@dataclass
class StrategyProgress:
    strategy: Strategy
    progress: float | None
    action_count: int
    status_counts: dict[str, int]


@dataclass
class AxisProgress:
    axis: Axis
    progress: float | None
    strategies: list[StrategyProgress] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(item.action_count for item in self.strategies)

    @property
    def status_counts(self) -> dict[str, int]:
        return {status: sum(s.status_counts[status] for s in self.strategies) for status in TrackingStatus.values}

    @property
    def status_summary(self) -> list[tuple[str, str, int]]:
        return _summary(self.status_counts)


@dataclass
class PlanProgress:
    plan: Plan
    progress: float | None
    axes: list[AxisProgress]

    @property
    def action_count(self) -> int:
        return sum(axis.action_count for axis in self.axes)

    @property
    def status_counts(self) -> dict[str, int]:
        return {status: sum(a.status_counts[status] for a in self.axes) for status in TrackingStatus.values}

    @property
    def status_summary(self) -> list[tuple[str, str, int]]:
        return _summary(self.status_counts)

    def axis(self, code: int) -> AxisProgress | None:
        return next((item for item in self.axes if item.axis.code == code), None)


def plan_progress(*, plan: Plan, axis: Axis | None = None) -> PlanProgress:
    """Progress of every strategy, axis and of the plan (2 queries whatever the plan's size)."""
    axes_qs = Axis.objects.filter(plan=plan).order_by("code")
    strategies_qs = Strategy.objects.filter(axis__plan=plan)
    if axis is not None:
        axes_qs = axes_qs.filter(pk=axis.pk)
        strategies_qs = strategies_qs.filter(axis=axis)
    counts = {f"n_{status}": Count("actions", filter=_status_filter(status), distinct=True) for status in TrackingStatus.values}
    strategies = strategies_qs.annotate(
        avg_progress=Avg(Coalesce("actions__tracking__progress", Value(0), output_field=IntegerField()), filter=_COUNTED),
        counted_actions=Count("actions", filter=_COUNTED, distinct=True),
        **counts,
    ).order_by("axis__code", "code")
    by_axis: dict[int, list[StrategyProgress]] = {}
    for strategy in strategies:
        progress = round(float(strategy.avg_progress), 1) if strategy.counted_actions else None
        status_counts = {status: getattr(strategy, f"n_{status}") for status in TrackingStatus.values}
        item = StrategyProgress(strategy, progress, sum(status_counts.values()), status_counts)
        by_axis.setdefault(strategy.axis_id, []).append(item)
    axes = []
    for axis_obj in axes_qs:
        children = by_axis.get(axis_obj.pk, [])
        for child in children:
            child.strategy.axis = axis_obj
        axes.append(AxisProgress(axis_obj, _mean([c.progress for c in children if c.progress is not None]), children))
    return PlanProgress(plan, _mean([a.progress for a in axes if a.progress is not None]), axes)
