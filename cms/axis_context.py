"""Context of an axis page: the plan tree from the domain plus each app's section about the axis.

cms is the top layer, so it may read from every domain app; each section is one function here.
"""

from functools import cached_property
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


class AxisData:
    """What an axis page shows beside its CMS text, read on first use: inside the page's fragment
    cache, a visitor served the cached fragment costs none of these queries."""

    def __init__(self, axis):
        self.axis = axis

    @cached_property
    def strategies(self) -> list:
        return list(Strategy.objects.filter(axis=self.axis).prefetch_related("actions"))

    @cached_property
    def sections(self) -> list:
        return [section for section in (contributions_section(self.axis), axis_progress_section(self.axis)) if section]
