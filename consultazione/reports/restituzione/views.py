"""Staff pages of the restituzione (/dati/restituzione/<meeting>/) and the public downloads."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.meetings.models import Meeting, MeetingReport

from . import services
from .forms import BuildForm, EditForm


def _meeting(request, slug: str, perm: str):
    meeting = get_object_or_404(Meeting.objects.select_related("process", "venue_comune"), slug=slug)
    if not request.user.is_authenticated:
        return meeting, redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting, None


def restituzione(request, slug: str):
    meeting, login = _meeting(request, slug, "meetings.build_report")
    if login:
        return login
    report = MeetingReport.objects.filter(meeting=meeting).first()
    edit_form = EditForm(request.POST or None, initial={"html": report.html if report else ""})
    status = 200
    if request.method == "POST" and report is not None:
        if edit_form.is_valid():
            try:
                report = services.restituzione_edit(actor=request.user, report=report, html=edit_form.cleaned_data["html"])
            except DomainError as exc:
                edit_form.add_error("html", exc.message)
            else:
                messages.success(request, _("Modifiche salvate; PDF e DOCX rigenerati."))
                return redirect("reports:restituzione", slug=slug)
        status = 400
    return render(
        request,
        "reports/restituzione/manage.html",
        {
            "meeting": meeting,
            "report": report,
            "build_form": BuildForm(initial={"show_organisation_names": report.show_organisation_names if report else False}),
            "edit_form": edit_form,
            "can_publish": request.user.has_perm("meetings.publish_report", report),
        },
        status=status,
    )


@require_POST
def build(request, slug: str):
    meeting, login = _meeting(request, slug, "meetings.build_report")
    if login:
        return login
    form = BuildForm(request.POST)
    show_names = form.is_valid() and form.cleaned_data["show_organisation_names"]
    try:
        report = services.restituzione_build(actor=request.user, meeting=meeting, show_organisation_names=show_names)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if report.build_error:
            messages.warning(request, _("Restituzione generata, ma con errori nei file: vedi il dettaglio."))
        else:
            messages.success(request, _("Restituzione generata: controlla il testo prima di pubblicarla."))
    return redirect("reports:restituzione", slug=slug)


@require_POST
def publish(request, slug: str):
    meeting, login = _meeting(request, slug, "meetings.build_report")
    if login:
        return login
    report = get_object_or_404(MeetingReport, meeting=meeting)
    try:
        report = services.restituzione_publish(actor=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Restituzione pubblicata."))
    return redirect("reports:restituzione", slug=slug)


def download(request, slug: str, fmt: str):
    """Public: the published files. Staff: `?bozza=1` gives the current draft's files."""
    meeting = get_object_or_404(Meeting, slug=slug)
    report = MeetingReport.objects.filter(meeting=meeting).first()
    if report is None:
        raise Http404
    draft = request.GET.get("bozza") == "1"
    if draft and not request.user.has_perm("meetings.build_report", meeting):
        raise PermissionDenied
    field = getattr(report, fmt if draft else f"published_{fmt}")
    if not field:
        raise Http404(_("File non disponibile."))
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = FileResponse(
        field.open("rb"), content_type=content_type, as_attachment=True, filename=f"restituzione-{slug}.{fmt}"
    )
    if draft:
        response["Cache-Control"] = "no-store"
    return response
