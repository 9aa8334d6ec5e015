"""Choices of the classification selects (axes, strategies, actions, zones, comuni, categories),
read once per version of the site and kept in each worker's memory: they change rarely and, built
from model instances on every request, they cost more than the whole list of contributions. An
edit of a plan, a zone, a comune or a category moves `pagecache.SITE` (their apps' `ready`), so the
next form shows it."""

from consultazione.core import pagecache
from consultazione.plan.models import Action, Axis, Strategy
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, ZonaOmogenea


def _short(code: str, title: str) -> str:
    return f"{code} {title[:80]}"


def classification_options(plan_id: int | None) -> dict[str, tuple[tuple, ...]]:
    """Plain tuples, so that rendering a select instantiates no model:
    axes (pk, label) · strategies (pk, label, axis pk) · actions (pk, label, strategy pk) ·
    zones (pk, number, label) · comuni (pk, istat code, name, zone pk, zone number) · categories (code, label)."""
    return pagecache.local_memo("classification-options", [pagecache.SITE], lambda: _read_options(plan_id), plan_id)


def _read_options(plan_id: int | None) -> dict[str, tuple[tuple, ...]]:
    axes = Axis.objects.filter(plan_id=plan_id) if plan_id else Axis.objects.all()
    return {  # tuples: one copy serves every request of the worker (pagecache.local_memo)
        "axes": tuple((pk, f"{code}. {title}") for pk, code, title in axes.order_by("code").values_list("pk", "code", "title")),
        "strategies": tuple(
            (pk, _short(code, title), axis_id)
            for pk, code, title, axis_id in Strategy.objects.filter(axis__in=axes)
            .order_by("axis__code", "code")
            .values_list("pk", "code", "title", "axis_id")
        ),
        "actions": tuple(
            (pk, _short(code, title), strategy_id)
            for pk, code, title, strategy_id in Action.objects.filter(strategy__axis__in=axes)
            .order_by("code")
            .values_list("pk", "code", "title", "strategy_id")
        ),
        "zones": tuple(
            (pk, number, f"ZO{number} · {name}")
            for pk, number, name in ZonaOmogenea.objects.order_by("number").values_list("pk", "number", "name")
        ),
        "comuni": tuple(Comune.objects.order_by("name").values_list("pk", "istat_code", "name", "zona_id", "zona__number")),
        "categories": tuple(Category.objects.order_by("position", "code").values_list("code", "label")),
    }
