from django.db.models import Prefetch, QuerySet

from .models import Action, Axis, Plan, Strategy


def axes_tree() -> QuerySet[Axis]:
    """Axes with strategies and actions prefetched (3 queries whatever the size)."""
    return Axis.objects.select_related("plan").prefetch_related(
        Prefetch("strategies", queryset=Strategy.objects.prefetch_related(Prefetch("actions", queryset=Action.objects.all())))
    )


def axes_with_tree(*, plan: Plan) -> QuerySet[Axis]:
    return axes_tree().filter(plan=plan)


def plan_current() -> Plan | None:
    """The plan being written, or else the one in force."""
    return (
        Plan.objects.filter(status=Plan.Status.DRAFT).order_by("-period_start").first()
        or Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("-period_start").first()
    )
