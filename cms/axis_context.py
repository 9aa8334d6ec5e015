"""Context of an axis page: the plan tree from the domain plus each app's section about the axis.

cms is the top layer, so it may read from every domain app; each section is one function here.
"""

from typing import Any

from django.utils.translation import gettext as _

from consultazione.contributions.selectors import axis_latest, axis_most_supported
from consultazione.monitoring.selectors import axis_progress_section
from consultazione.plan.models import Strategy


def contributions_section(axis) -> dict[str, Any]:
    """Latest and most supported public contributions of the axis (one query each)."""
    return {
        "template": "cms/includes/axis_contributions.html",
        "axis": axis,
        "lists": [
            ("latest", _("I più recenti"), axis_latest(axis)),
            ("supported", _("I più sostenuti"), axis_most_supported(axis)),
        ],
    }


def axis_page_context(axis, request) -> dict[str, Any]:
    strategies = list(Strategy.objects.filter(axis=axis).prefetch_related("actions"))
    return {
        "strategies": strategies,
        "action_count": sum(len(s.actions.all()) for s in strategies),
        "axis_sections": [section for section in (contributions_section(axis), axis_progress_section(axis)) if section],
    }
