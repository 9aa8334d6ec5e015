"""Staff pages of a meeting: overview, registrations, CSV import, attendance list and export.

Names and emails appear only here, behind `meetings.view_registrations` / `view_attendance` /
`export_attendance` (staff only)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.core.spreadsheets import csv_writer

from .. import selectors, services
from ..forms import ImportForm
from ..models import Meeting, Registration


class _NeedsLogin(Exception):
    pass


def meeting_for(request, slug: str, perm: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("venue_comune", "process"), slug=slug)
    if not request.user.is_authenticated:
        raise _NeedsLogin
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def staff_view(perm: str):
    """Decorator: loads the meeting of the URL and checks `perm` on it (login first)."""

    def decorate(view):
        def wrapped(request, slug, *args, **kwargs):
            try:
                meeting = meeting_for(request, slug, perm)
            except _NeedsLogin:
                return redirect_to_login(request.get_full_path())
            return view(request, meeting, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


@staff_view("meetings.manage_meeting")
def manage(request, meeting):
    total, by_category = selectors.attendance_counts(meeting)
    return render(
        request,
        "meetings/manage/overview.html",
        {
            "meeting": meeting,
            "section": "overview",
            "counts": selectors.registration_counts(meeting),
            "attendance_total": total,
            "attendance_by_category": by_category,
            "tables": selectors.tables_with_outputs(meeting),
            "report": selectors.meeting_report(meeting),
        },
    )


@staff_view("meetings.view_registrations")
def registrations(request, meeting):
    return render(
        request,
        "meetings/manage/registrations.html",
        {
            "meeting": meeting,
            "registrations": selectors.registrations_for_staff(meeting),
            "counts": selectors.registration_counts(meeting),
        },
    )


@require_POST
@staff_view("meetings.view_registrations")
def registration_confirm(request, meeting, pk: int):
    registration = get_object_or_404(Registration, meeting=meeting, pk=pk)
    try:
        services.registration_confirm_from_waiting(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Iscrizione confermata."))
    return redirect("meetings:registrations", slug=meeting.slug)


@require_POST
@staff_view("meetings.view_registrations")
def registration_cancel(request, meeting, pk: int):
    registration = get_object_or_404(Registration, meeting=meeting, pk=pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Iscrizione annullata."))
    return redirect("meetings:registrations", slug=meeting.slug)


@staff_view("meetings.import_registrations")
def import_registrations(request, meeting):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        report = services.registrations_import(actor=request.user, meeting=meeting, data=form.cleaned_data["file"].read())
        if report.ok:
            messages.success(
                request,
                _("Importate %(n)s persone: %(c)s confermate, %(w)s in lista d'attesa.")
                % {"n": report.imported, "c": report.confirmed, "w": report.waiting},
            )
            return redirect("meetings:registrations", slug=meeting.slug)
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "meetings/manage/import.html",
        {"meeting": meeting, "section": "registrations", "form": form, "report": report},
        status=status,
    )


@staff_view("meetings.view_attendance")
def attendance(request, meeting):
    total, by_category = selectors.attendance_counts(meeting)
    return render(
        request,
        "meetings/manage/attendance.html",
        {
            "meeting": meeting,
            "section": "attendance",
            "attendances": selectors.attendance_list(meeting),
            "attendance_total": total,
            "attendance_by_category": by_category,
        },
    )


def attendance_row(attendance) -> list[str]:
    registration = attendance.registration
    if registration is not None:
        first, last = registration.first_name, registration.last_name
        organisation = registration.organisation_name or (attendance.organisation.name if attendance.organisation else "")
    else:
        user = attendance.user
        first, last = (user.first_name, user.last_name) if user else ("", "")
        organisation = attendance.organisation.name if attendance.organisation else ""
    return [
        last,
        first,
        organisation,
        attendance.category.label if attendance.category else _("A titolo personale"),
        attendance.get_method_display(),
        timezone.localtime(attendance.checked_in_at).strftime("%d/%m/%Y %H:%M"),
    ]


@staff_view("meetings.export_attendance")
def attendance_export(request, meeting):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="presenze-{meeting.slug}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
    writer = csv_writer(response, delimiter=";")  # names are typed by registrants: no formulas
    writer.writerow([_("Cognome"), _("Nome"), _("Organizzazione"), _("Categoria"), _("Registrazione"), _("Ora di ingresso")])
    for item in selectors.attendance_list(meeting):
        writer.writerow(attendance_row(item))
    return response
