"""Check-in at the door: by code (facilitators and staff), from the list (staff: it shows
names), walk-ins registered on the spot."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError

from .. import selectors, services
from ..forms import CheckInCodeForm, WalkInForm
from ..models import Attendance, Registration, RegistrationStatus
from .manage import staff_view


def _render(request, meeting, *, code_form=None, walk_in_form=None, status=200):
    can_see_list = request.user.has_perm("meetings.view_registrations", meeting)
    registrations = []
    if can_see_list:
        query = request.GET.get("q", "").strip()
        registrations = selectors.registrations_for_staff(meeting).exclude(status=RegistrationStatus.CANCELLED)
        if query:
            registrations = registrations.filter(last_name__icontains=query) | registrations.filter(first_name__icontains=query)
    total, _by_category = selectors.attendance_counts(meeting)
    return render(
        request,
        "meetings/manage/checkin.html",
        {
            "meeting": meeting,
            "section": "checkin",
            "code_form": code_form or CheckInCodeForm(),
            "walk_in_form": walk_in_form or WalkInForm(),
            "can_see_list": can_see_list,
            "registrations": registrations,
            "attendance_total": total,
            "query": request.GET.get("q", ""),
        },
        status=status,
    )


@staff_view("meetings.check_in")
def checkin(request, meeting):
    if request.method != "POST":
        return _render(request, meeting)
    if request.POST.get("action") == "walk_in":
        form = WalkInForm(request.POST)
        if form.is_valid():
            try:
                services.attendance_walk_in(actor=request.user, meeting=meeting, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Ingresso registrato."))
                return redirect("meetings:checkin", slug=meeting.slug)
        return _render(request, meeting, walk_in_form=form, status=400)
    form = CheckInCodeForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_check_in_code(actor=request.user, meeting=meeting, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            messages.success(request, _("Presenza registrata per il codice %(c)s.") % {"c": form.cleaned_data["code"]})
            return redirect("meetings:checkin", slug=meeting.slug)
    return _render(request, meeting, code_form=form, status=400)


@require_POST
@staff_view("meetings.view_registrations")
def checkin_registration(request, meeting, pk: int):
    registration = get_object_or_404(Registration, meeting=meeting, pk=pk)
    try:
        services.attendance_check_in(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Presenza registrata."))
    return redirect("meetings:checkin", slug=meeting.slug)


@require_POST
@staff_view("meetings.check_in")
def attendance_remove(request, meeting, pk: int):
    attendance = get_object_or_404(Attendance, meeting=meeting, pk=pk)
    services.attendance_remove(actor=request.user, attendance=attendance)
    messages.success(request, _("Presenza rimossa."))
    return redirect("meetings:checkin", slug=meeting.slug)
