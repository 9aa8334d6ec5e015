"""Context of an axis page: the plan tree from the domain plus each app's section about the axis.

cms is the top layer, so it may read from every domain app; each section is one function here.
"""

from typing import Any

from consultazione.plan.models import Strategy


def axis_page_context(axis, request) -> dict[str, Any]:
    strategies = list(Strategy.objects.filter(axis=axis).prefetch_related("actions"))
    return {
        "strategies": strategies,
        "action_count": sum(len(s.actions.all()) for s in strategies),
    }
