"""Writes of the reports app."""

from .exports import export_request, export_retry, job_visible_to, open_data_job
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
    "open_data_job",
    "participation_report_ensure",
    "participation_report_pdf_request",
    "participation_report_publish",
    "participation_report_update",
]
