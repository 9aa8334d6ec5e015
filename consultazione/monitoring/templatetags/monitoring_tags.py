from django import template

from ..models import TrackingStatus
from ..selectors import action_progress_for_contribution as _action_progress_for_contribution

register = template.Library()

STATUS_BADGES = {
    TrackingStatus.NOT_STARTED: "bg-secondary",
    TrackingStatus.IN_PROGRESS: "bg-primary",
    TrackingStatus.COMPLETED: "bg-success",
    TrackingStatus.SUSPENDED: "bg-warning",
    TrackingStatus.MERGED: "bg-dark",
}


@register.filter
def status_badge(status: str | None) -> str:
    return STATUS_BADGES.get(status or TrackingStatus.NOT_STARTED, "bg-secondary")


@register.filter
def status_label(status: str | None) -> str:
    return TrackingStatus(status or TrackingStatus.NOT_STARTED).label


@register.filter
def percent(value) -> str:
    """A progress value as a whole number for <progress value> and aria attributes ("" when unknown)."""
    if value is None or value == "":
        return ""
    return str(round(float(value)))


@register.filter
def dom_id(prefix: str, suffix) -> str:
    """A stable element id: "axis"|dom_id:3 → "progress-axis-3"."""
    return f"progress-{prefix}-{suffix}".replace(".", "-")


@register.simple_tag
def action_progress_for_contribution(contribution):
    """{% action_progress_for_contribution contribution as said %}: see selectors.traceability."""
    return _action_progress_for_contribution(contribution)
