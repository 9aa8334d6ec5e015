"""Public open data: the package (built on demand, kept for REPORTS_OPEN_DATA_MAX_AGE) and its
DCAT-AP_IT record."""

import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consultazione.process.models import Process
from consultazione.process.selectors import process_current

from ..exports.dcat import dcat_record, licence_notice
from ..exports.opendata import OPEN_DATASETS
from ..models import JobStatus
from ..services import open_data_job
from .jobs import job_status_payload


def open_data_index(request):
    process = process_current()
    if process is None:
        raise Http404(_("Nessun processo di partecipazione."))
    return render(
        request,
        "reports/open_data.html",
        {"process": process, "datasets": OPEN_DATASETS, "licence": licence_notice()},
    )


def open_data_package(request, slug: str):
    process = get_object_or_404(Process, slug=slug)
    job = open_data_job(process=process)
    if job.status == JobStatus.READY:
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"open-data-{process.slug}.zip")
    context = {"process": process, "job": job, "status": job_status_payload(job)}
    return render(request, "reports/open_data_preparing.html", context, status=202 if not job.is_finished else 503)


def open_data_metadata(request, slug: str):
    process = get_object_or_404(Process.objects.prefetch_related("phases"), slug=slug)
    files = [{"name": f"{d.name}.{fmt}", "format": fmt, "title": d.title} for d in OPEN_DATASETS for fmt in ("csv", "json")]
    today = timezone.localdate()
    record = dcat_record(process=process, files=files, issued=today, modified=today)
    return HttpResponse(json.dumps(record, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8")
