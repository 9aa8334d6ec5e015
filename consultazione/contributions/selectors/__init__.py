"""Reads of the contributions app."""

from .browse import (
    AWAITING_OUTCOME,
    SORTS,
    ContributionFilters,
    axis_label,
    axis_latest,
    axis_most_supported,
    card_queryset,
    contribution_detail,
    contribution_for_viewer,
    contributions_of_user,
    contributions_public,
    filters_from_dict,
    similar_contributions,
)
from .comments import alignment_counts, comment_in_thread, comments_of_user, comments_page, shown_comments
from .merged import MergedInto, merged_into_for, merged_source_by_reference
from .plans import (
    axes_open_to_contributions,
    contribution_plan_ids,
    plan_error,
    plan_label,
    plan_roles_by_kind,
    plans_open_to,
    plans_open_to_any_kind,
)

__all__ = [
    "AWAITING_OUTCOME",
    "SORTS",
    "ContributionFilters",
    "MergedInto",
    "alignment_counts",
    "axes_open_to_contributions",
    "axis_latest",
    "axis_most_supported",
    "card_queryset",
    "comment_in_thread",
    "comments_of_user",
    "comments_page",
    "shown_comments",
    "contribution_plan_ids",
    "contribution_detail",
    "contribution_for_viewer",
    "contributions_of_user",
    "contributions_public",
    "filters_from_dict",
    "merged_into_for",
    "merged_source_by_reference",
    "plan_error",
    "plan_roles_by_kind",
    "plan_label",
    "plans_open_to",
    "plans_open_to_any_kind",
    "axis_label",
    "similar_contributions",
]
