"""Reads of the monitoring app (pages, API, exports, other apps' templates)."""

from .actions import (
    action_detail,
    actions_with_tracking,
    indicator_view,
    monitored_plans,
    plan_in_force,
    recent_updates,
    tracking_of,
)
from .comparison import plan_comparison, title_similarity
from .export import tracking_export_csv, tracking_export_xlsx
from .progress import PlanProgress, plan_progress
from .sections import axis_progress_section
from .traceability import action_progress_for_contribution, contributions_for_action, meetings_for_action

__all__ = [
    "PlanProgress",
    "action_detail",
    "action_progress_for_contribution",
    "actions_with_tracking",
    "axis_progress_section",
    "contributions_for_action",
    "indicator_view",
    "meetings_for_action",
    "monitored_plans",
    "plan_comparison",
    "plan_in_force",
    "plan_progress",
    "recent_updates",
    "title_similarity",
    "tracking_export_csv",
    "tracking_export_xlsx",
    "tracking_of",
]
