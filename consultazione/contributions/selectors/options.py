"""Choices of the classification selects (axes, strategies, actions, zones, comuni, categories),
read once and cached: they change rarely and, built from model instances on every request, they
cost more than the whole list of contributions."""

from django.core.cache import cache

from consultazione.plan.models import Action, Axis, Strategy
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, ZonaOmogenea

OPTIONS_CACHE_SECONDS = 600


def _short(code: str, title: str) -> str:
    return f"{code} {title[:80]}"


def classification_options(plan_id: int | None) -> dict[str, list[tuple]]:
    """Plain tuples, so that rendering a select instantiates no model:
    axes (pk, label) · strategies (pk, label, axis pk) · actions (pk, label, strategy pk) ·
    zones (pk, number, label) · comuni (pk, istat code, name, zone pk, zone number) · categories (code, label)."""
    key = f"contributions:classification-options:{plan_id}"
    options = cache.get(key)
    if options is None:
        axes = Axis.objects.filter(plan_id=plan_id) if plan_id else Axis.objects.all()
        options = {
            "axes": [(pk, f"{code}. {title}") for pk, code, title in axes.order_by("code").values_list("pk", "code", "title")],
            "strategies": [
                (pk, _short(code, title), axis_id)
                for pk, code, title, axis_id in Strategy.objects.filter(axis__in=axes)
                .order_by("axis__code", "code")
                .values_list("pk", "code", "title", "axis_id")
            ],
            "actions": [
                (pk, _short(code, title), strategy_id)
                for pk, code, title, strategy_id in Action.objects.filter(strategy__axis__in=axes)
                .order_by("code")
                .values_list("pk", "code", "title", "strategy_id")
            ],
            "zones": [
                (pk, number, f"ZO{number} · {name}")
                for pk, number, name in ZonaOmogenea.objects.order_by("number").values_list("pk", "number", "name")
            ],
            "comuni": list(Comune.objects.order_by("name").values_list("pk", "istat_code", "name", "zona_id", "zona__number")),
            "categories": list(Category.objects.order_by("position", "code").values_list("code", "label")),
        }
        cache.set(key, options, OPTIONS_CACHE_SECONDS)
    return options
