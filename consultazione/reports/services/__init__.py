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

__all__ = [
    "export_request",
    "export_retry",
    "job_visible_to",
    "latest_open_data_job",
    "open_data_is_stale",
    "open_data_job",
    "open_data_refresh",
]
