"""Reads for the public monitoring pages and the API: plans, actions with their tracking, updates."""

import json
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from consultazione.plan.models import Action, Plan

from ..models import ActionTracking, ActionUpdate, Indicator, IndicatorValue, TrackingStatus, UpdateKind

MONITORED_STATUSES = (Plan.Status.IN_FORCE, Plan.Status.EXPIRED)


def monitored_plans() -> QuerySet[Plan]:
    """Approved plans (in force or concluded), newest first: the ones whose actions are followed."""
    return Plan.objects.filter(status__in=MONITORED_STATUSES).order_by("-period_start")


def plan_in_force() -> Plan | None:
    return monitored_plans().filter(status=Plan.Status.IN_FORCE).first() or monitored_plans().first()


def status_filter(status: str) -> Q:
    if status == TrackingStatus.NOT_STARTED:
        return Q(tracking__isnull=True) | Q(tracking__status=status)
    return Q(tracking__status=status)


def actions_with_tracking(*, plan: Plan, status: str | None = None, axis_code: int | None = None) -> QuerySet[Action]:
    """The plan's actions with tracking, strategy and axis joined (one query, any length)."""
    queryset = (
        Action.objects.filter(strategy__axis__plan=plan)
        .select_related("strategy__axis__plan", "tracking__merged_into")
        .order_by("strategy__axis__code", "strategy__code", "code")
    )
    if status in TrackingStatus.values:
        queryset = queryset.filter(status_filter(status))
    if axis_code is not None:
        queryset = queryset.filter(strategy__axis__code=axis_code)
    return queryset


def tracking_of(action: Action) -> ActionTracking | None:
    """The action's tracking when it was joined or prefetched (None: not started)."""
    try:
        return action.tracking
    except ActionTracking.DoesNotExist:
        return None


def _public_updates() -> QuerySet[ActionUpdate]:
    return ActionUpdate.objects.filter(kind=UpdateKind.PROGRESS).prefetch_related("documents")


def action_detail(*, plan: Plan, code: str) -> Action | None:
    """One action with everything its public page shows, in a fixed number of queries."""
    indicators = Indicator.objects.prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("date")))
    return (
        Action.objects.filter(strategy__axis__plan=plan, code=code)
        .select_related("strategy__axis__plan", "tracking__merged_into__strategy__axis")
        .prefetch_related(
            "tracking__partners",
            Prefetch("tracking__indicators", queryset=indicators),
            Prefetch("tracking__updates", queryset=_public_updates()),
            "absorbed_trackings__action",
        )
        .first()
    )


def recent_updates(*, plan: Plan, axis=None, limit: int = 5, include_proposals: bool = False) -> list[ActionUpdate]:
    queryset = ActionUpdate.objects.filter(tracking__action__strategy__axis__plan=plan)
    if axis is not None:
        queryset = queryset.filter(tracking__action__strategy__axis=axis)
    if not include_proposals:
        queryset = queryset.filter(kind=UpdateKind.PROGRESS)
    return list(queryset.select_related("tracking__action").prefetch_related("documents").order_by("-date", "-id")[:limit])


@dataclass
class IndicatorView:
    indicator: Indicator
    values: list[IndicatorValue]
    chart_json: str

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


def indicator_view(indicator: Indicator) -> IndicatorView:
    """Chart spec for /static/js/charts.js (measured values, with baseline and target as flat lines)."""
    values = list(indicator.values.all())
    labels = [value.date.isoformat() for value in values]
    unit = indicator.get_unit_display()
    datasets = [{"label": f"{indicator.name} ({unit})", "data": [float(value.value) for value in values]}]
    if indicator.target is not None and values:
        datasets.append({"label": _("Obiettivo"), "data": [float(indicator.target)] * len(values), "borderDash": [6, 4]})
    if indicator.baseline is not None and values:
        datasets.append(
            {"label": _("Valore di partenza"), "data": [float(indicator.baseline)] * len(values), "borderDash": [2, 2]}
        )
    spec = {
        "type": "line",
        "labels": labels,
        "datasets": datasets,
        "options": {"plugins": {"title": {"display": True, "text": f"{indicator.name} ({unit})"}}},
    }
    return IndicatorView(indicator, values, json.dumps(spec))
