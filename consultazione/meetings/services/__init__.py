"""Writes of the meetings app (one module per concern, all re-exported here)."""

from .attendance import (
    attendance_check_in,
    attendance_check_in_code,
    attendance_record,
    attendance_remove,
    attendance_walk_in,
)
from .imports import ImportReport, RefusedRow, registrations_import
from .meetings import (
    AgendaSpec,
    TableSpec,
    meeting_cancel,
    meeting_create,
    meeting_update,
    table_add,
    table_assign_facilitator,
)
from .outputs import table_contribution_add, table_output_save, table_summary_save
from .registrations import (
    RegistrationResult,
    promote_waiting,
    registration_cancel,
    registration_confirm_from_waiting,
    registration_create,
    registration_from_token,
    registration_window_error,
)
from .reports import report_draft_store, report_files_store, report_html_update, report_mark_published

__all__ = [
    "AgendaSpec",
    "ImportReport",
    "RefusedRow",
    "RegistrationResult",
    "TableSpec",
    "attendance_check_in",
    "attendance_check_in_code",
    "attendance_record",
    "attendance_remove",
    "attendance_walk_in",
    "meeting_cancel",
    "meeting_create",
    "meeting_update",
    "promote_waiting",
    "registration_cancel",
    "registration_confirm_from_waiting",
    "registration_create",
    "registration_from_token",
    "registration_window_error",
    "registrations_import",
    "report_draft_store",
    "report_files_store",
    "report_html_update",
    "report_mark_published",
    "table_add",
    "table_assign_facilitator",
    "table_contribution_add",
    "table_output_save",
    "table_summary_save",
]
