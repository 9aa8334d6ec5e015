"""The personal parts of the data pages (core/personal.py)."""

from consultazione.core import personal


@personal.builds("reports.staff")
def staff(request, *, process):
    """The staff's links from the dashboard: exports and the final report's editor."""
    user = request.user
    return {"can_export": user.has_perm("reports.export_data"), "can_edit_report": user.has_perm("reports.edit_report")}
