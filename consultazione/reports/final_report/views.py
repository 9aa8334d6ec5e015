"""Staff pages of the final report: edit the synthesis, preview, build the PDF, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.process.models import Process

from ..models import ExportJob, ExportKind
from .data import report_data
from .forms import AxisSynthesisFormSet, ReportForm
from .render import report_html, report_title
from .services import (
    participation_report_ensure,
    participation_report_pdf_request,
    participation_report_publish,
    participation_report_update,
)


def _staff_process(request, slug: str, perm: str = "reports.edit_report") -> Process:
    process = get_object_or_404(Process, slug=slug)
    if not request.user.has_perm(perm, process):
        raise HttpForbidden
    return process


@login_required
def report_edit(request, slug: str):
    process = _staff_process(request, slug)
    report = participation_report_ensure(actor=request.user, process=process)
    syntheses = report.axis_syntheses.select_related("axis").order_by("axis__code")
    form = ReportForm(request.POST or None, instance=report)
    formset = AxisSynthesisFormSet(request.POST or None, queryset=syntheses, prefix="assi")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            participation_report_update(
                actor=request.user,
                report=report,
                fields={name: form.cleaned_data[name] for name in form.Meta.fields},
                syntheses={f.instance.axis_id: f.cleaned_data for f in formset.forms},
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Sintesi salvata. Il rapporto pubblicato cambia solo quando lo pubblichi di nuovo."))
            return redirect("reports:report_edit", slug=process.slug)
    context = {
        "process": process,
        "report": report,
        "form": form,
        "formset": formset,
        "pdf_jobs": ExportJob.objects.filter(process=process, kind=ExportKind.REPORT_PDF)[:5],
        "can_publish": request.user.has_perm("reports.publish_report", process),
    }
    return render(request, "reports/report_edit.html", context, status=400 if form.errors or formset.total_error_count() else 200)


@login_required
def report_preview(request, slug: str):
    process = _staff_process(request, slug)
    report = participation_report_ensure(actor=request.user, process=process)
    html = report_html(report_data(process, report=report))
    return render(
        request,
        "reports/report_preview.html",
        {"process": process, "report": report, "title": report_title(process), "body_html": html},
    )


@login_required
@require_POST
def report_pdf(request, slug: str):
    process = _staff_process(request, slug)
    job = participation_report_pdf_request(actor=request.user, process=process)
    return redirect("reports:job_detail", pk=job.pk)


@login_required
@require_POST
def report_publish(request, slug: str):
    process = _staff_process(request, slug, "reports.publish_report")
    report = participation_report_ensure(actor=request.user, process=process)
    try:
        report = participation_report_publish(actor=request.user, report=report)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Rapporto pubblicato: %(url)s") % {"url": report.published_url})
    return redirect("reports:report_edit", slug=process.slug)
