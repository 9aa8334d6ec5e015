"""Writes of the reports app."""

from .exports import (
    export_request,
    export_retry,
    job_visible_to,
    latest_open_data_job,
    open_data_is_stale,
    open_data_job,
    open_data_refresh,
)
from .report import (
    participation_report_ensure,
    participation_report_pdf_request,
    participation_report_publish,
    participation_report_update,
)

__all__ = [
    "export_request",
    "export_retry",
    "job_visible_to",
    "latest_open_data_job",
    "open_data_is_stale",
    "open_data_job",
    "open_data_refresh",
    "participation_report_ensure",
    "participation_report_pdf_request",
    "participation_report_publish",
    "participation_report_update",
]
