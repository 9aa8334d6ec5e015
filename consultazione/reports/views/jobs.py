"""Staff exports: the export page, a job's progress page, its status (JSON), download, retry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError, PermissionDenied, RateLimited
from consultazione.process.models import Process

from ..forms import ExportForm
from ..models import ExportJob, ExportKind, ExportLog, JobStatus
from ..services import export_request, export_retry, job_visible_to


@login_required
def export_index(request, slug: str):
    process = get_object_or_404(Process, slug=slug)
    if not request.user.has_perm("reports.export_data"):
        raise HttpForbidden
    form = ExportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            job = export_request(
                actor=request.user,
                process=process,
                kind=form.cleaned_data["kind"],
                dataset=form.cleaned_data["dataset"],
                personal_data=form.cleaned_data["personal_data"],
            )
        except PermissionDenied as error:
            raise HttpForbidden(error.message)
        except RateLimited as error:
            form.add_error(None, error.message)
            status = 429
        else:
            return redirect("reports:job_detail", pk=job.pk)
    context = {
        "process": process,
        "form": form,
        "can_export_personal": request.user.has_perm("reports.export_personal_data"),
        "jobs": ExportJob.objects.filter(
            process=process, kind__in=[ExportKind.WORKBOOK, ExportKind.CSV, ExportKind.JSON]
        ).select_related("requested_by")[:20],
        "logs": ExportLog.objects.filter(process=process).select_related("user")[:30],
    }
    return render(request, "reports/exports.html", context, status=400 if status == 200 and form.errors else status)


def _visible_job(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("process"), pk=pk)
    if not job_visible_to(request.user, job):
        raise HttpForbidden
    return job


def job_status_payload(job: ExportJob) -> dict:
    ready = job.status == JobStatus.READY
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "error": job.error,
        "row_counts": job.row_counts,
        "download_url": reverse("reports:job_download", kwargs={"pk": job.pk}) if ready else None,
        "finished": job.is_finished,
    }


@login_required  # a link to a job opened while logged out: log in first (the JSON status stays 403)
def job_detail(request, pk: int):
    job = _visible_job(request, pk)
    return render(request, "reports/job_detail.html", {"job": job, "status": job_status_payload(job)})


def job_status(request, pk: int):
    return JsonResponse(job_status_payload(_visible_job(request, pk)))


@login_required
def job_download(request, pk: int):
    job = _visible_job(request, pk)
    if job.status != JobStatus.READY:
        return redirect("reports:job_detail", pk=job.pk)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


@require_POST
def job_retry(request, pk: int):
    job = _visible_job(request, pk)
    try:
        export_retry(actor=request.user, job=job)
    except PermissionDenied:
        raise HttpForbidden
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.info(request, _("Generazione avviata di nuovo."))
    return redirect("reports:job_detail", pk=job.pk)
