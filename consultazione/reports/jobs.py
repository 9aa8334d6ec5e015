"""Runs one ExportJob: builds its file in a temporary directory, stores it, records row counts,
progress and errors. Called by the background task (tasks.py), never by a view."""

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db.models import F
from django.utils import timezone

from consultazione.core import pagecache

from .exports.opendata import build_open_data
from .exports.writers import write_dataset, write_workbook
from .final_report.render import write_report_pdf
from .models import ExportJob, ExportKind, ExportLog, JobStatus

logger = logging.getLogger(__name__)

EXTENSIONS = {
    ExportKind.WORKBOOK: "xlsx",
    ExportKind.CSV: "csv",
    ExportKind.JSON: "json",
    ExportKind.OPEN_DATA: "zip",
    ExportKind.REPORT_PDF: "pdf",
}


def _filename(job: ExportJob) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    parts = [job.process.slug, job.kind if job.kind != ExportKind.OPEN_DATA else "open-data", job.dataset, stamp]
    return "-".join(part for part in parts if part) + "." + EXTENSIONS[job.kind]


def _build(job: ExportJob, path: Path, progress) -> dict[str, int]:
    if job.kind == ExportKind.WORKBOOK:
        return write_workbook(path, process=job.process, personal_data=job.personal_data, progress=progress)
    if job.kind in (ExportKind.CSV, ExportKind.JSON):
        return write_dataset(path, fmt=job.kind, key=job.dataset, process=job.process, personal_data=job.personal_data)
    if job.kind == ExportKind.OPEN_DATA:
        return build_open_data(path, process=job.process, progress=progress)
    return write_report_pdf(path, process=job.process)


def run_job(job_id: int) -> None:
    job = ExportJob.objects.select_related("process").get(pk=job_id)
    if job.status == JobStatus.READY:
        return
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress=0, error="", started_at=timezone.now(), attempts=F("attempts") + 1
    )

    def progress(percent: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress=max(0, min(percent, 99)))

    try:
        with tempfile.TemporaryDirectory() as tmp:
            name = _filename(job)
            path = Path(tmp) / name
            counts = _build(job, path, progress)
            if job.file:
                job.file.delete(save=False)
            with open(path, "rb") as handle:
                job.file.save(name, File(handle), save=False)
    except Exception as exc:
        logger.exception("Export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.READY, progress=100, file=job.file.name, row_counts=counts, finished_at=timezone.now()
    )
    ExportLog.objects.filter(job=job).update(row_counts=counts)
    if job.kind == ExportKind.OPEN_DATA:
        pagecache.changed(pagecache.REPORTS)  # the open-data page says when the package was built
