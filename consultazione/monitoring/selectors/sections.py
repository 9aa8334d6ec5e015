"""Sections that other apps' pages include (the CMS axis page)."""

from typing import Any

from consultazione.plan.models import Axis

from .actions import MONITORED_STATUSES
from .progress import plan_progress


def axis_progress_section(axis: Axis) -> dict[str, Any] | None:
    """For cms AxisPage's `axis_sections`: the axis's implementation progress (2 queries).

    None when the axis's plan is not approved yet (nothing to monitor).
    """
    if axis.plan.status not in MONITORED_STATUSES:
        return None
    rollup = plan_progress(plan=axis.plan, axis=axis)
    return {
        "template": "monitoring/includes/axis_section.html",
        "axis": axis,
        "progress": rollup.axes[0] if rollup.axes else None,
    }
