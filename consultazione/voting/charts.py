"""Chart specifications for /static/js/charts.js (`<canvas data-chart="…">`)."""

import json

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .selectors import Breakdown, RankedItem


def _label(item: RankedItem) -> str:
    return f"{item.code} {Truncator(item.title).chars(45)}"


def ranking_chart(items: list[RankedItem]) -> str:
    return json.dumps(
        {
            "type": "bar",
            "labels": [_label(item) for item in items],
            "datasets": [{"label": _("Punti"), "data": [item.score for item in items]}],
            "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}}},
        }
    )


def breakdown_chart(breakdown: Breakdown) -> str:
    """One stacked bar per item: how each segment contributes to its total."""
    return json.dumps(
        {
            "type": "bar",
            "labels": [_label(item) for item in breakdown.items],
            "datasets": [
                {"label": segment.label, "data": [segment.scores.get(item.item_id, 0) for item in breakdown.items]}
                for segment in breakdown.visible_segments
            ],
            "options": {"indexAxis": "y", "scales": {"x": {"stacked": True}, "y": {"stacked": True}}},
        }
    )
