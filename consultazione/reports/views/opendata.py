"""Public open data: the package (built on demand, kept for REPORTS_OPEN_DATA_MAX_AGE), its
DCAT-AP_IT record, and the catalogue of every process's dataset that dati.gov.it harvests."""

import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from consultazione.core import pagecache
from consultazione.process.models import Process
from consultazione.process.selectors import process_current

from ..exports.catalogue import catalogue_record, dataset_record
from ..exports.dcat import licence_notice
from ..exports.opendata import OPEN_DATASETS
from ..exports.turtle import n_triples, turtle
from ..models import JobStatus
from ..selectors.dashboard import DASHBOARD_SCOPES
from ..selectors.opendata import open_data_fingerprint
from ..selectors.published import published_report
from ..services import latest_open_data_job, open_data_job
from .jobs import job_status_payload

JSON_LD = "application/ld+json"
# media type → serialiser; the first is the default, also for an Accept we do not serve
CATALOGUE_FORMATS = {
    JSON_LD: lambda record: json.dumps(record, ensure_ascii=False, indent=2),
    "text/turtle": turtle,
    "application/n-triples": n_triples,
    "application/json": lambda record: json.dumps(record, ensure_ascii=False, indent=2),
}


@pagecache.page(*DASHBOARD_SCOPES)  # what the package counts, and REPORTS (a build ended)
def open_data_index(request):
    process = process_current()
    if process is None:
        raise Http404(_("Nessun processo di partecipazione."))
    package = latest_open_data_job(process=process)
    built = package if package is not None and package.status == JobStatus.READY else None
    return render(
        request,
        "reports/open_data.html",
        {
            "process": process,
            "datasets": OPEN_DATASETS,
            "licence": licence_notice(),
            "built_at": built.finished_at if built else None,
            "stale": built is not None and built.data_fingerprint != open_data_fingerprint(process=process),
            "final_report": published_report(process=process),
        },
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
    record = dataset_record(process=process)
    return HttpResponse(json.dumps(record, ensure_ascii=False, indent=2), content_type=f"{JSON_LD}; charset=utf-8")


def open_data_catalogue(request, media_type: str | None = None):
    """The dcatapit:Catalog: JSON-LD, or Turtle / N-Triples when the Accept header asks for them
    (`catalogo.ttl` always answers Turtle). Any other Accept gets JSON-LD, never a 406."""
    chosen = media_type or request.get_preferred_type(list(CATALOGUE_FORMATS)) or JSON_LD
    record = catalogue_record(processes=Process.objects.prefetch_related("phases").order_by("created_at", "id"))
    response = HttpResponse(CATALOGUE_FORMATS[chosen](record), content_type=f"{chosen}; charset=utf-8")
    if media_type is None:
        patch_vary_headers(response, ["Accept"])
    return response
