"""Public pages: the meetings calendar, a meeting, registration and cancellation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core import pagecache
from consultazione.core.exceptions import DomainError
from consultazione.core.sites import absolute_url

from .. import selectors, services
from ..forms import MeetingFilterForm, RegistrationForm
from ..ics import meeting_ics
from ..models import Meeting, RegistrationStatus


@pagecache.page(pagecache.MEETINGS, signed_in=True)
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if form.errors:
        pagecache.skip(request)  # a page with form errors is never shared
    when = "past" if filters.get("when") == "past" else "upcoming"
    meetings = selectors.meetings_public(kind=filters.get("kind") or "", zone=filters.get("zona"), when=when)
    page_obj = Paginator(meetings, 12).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "when": when,
            "querystring": querystring.urlencode(),
        },
    )


def _get_meeting(slug: str) -> Meeting:
    try:
        return selectors.meeting_detail(slug=slug)
    except Meeting.DoesNotExist:
        raise Http404(_("Incontro non trovato."))


@pagecache.page(pagecache.MEETINGS)
def meeting_detail(request, slug: str):
    meeting = _get_meeting(slug)
    now = timezone.now()
    context = {
        "meeting": meeting,
        "is_past": meeting.ends_at < now,
        "registration_error": services.registration_window_error(meeting, now=now),
        "report": selectors.meeting_report(meeting),
        "can_manage": request.user.has_perm("meetings.manage_meeting", meeting),
    }
    if context["is_past"]:
        context["attendance_total"], context["attendance_by_category"] = selectors.attendance_counts(meeting)
    if request.user.is_authenticated:
        context["own_registration"] = (
            selectors.registrations_of_user(request.user)
            .filter(meeting=meeting)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    return render(request, "meetings/meeting_detail.html", context)


def meeting_register(request, slug: str):
    meeting = _get_meeting(slug)
    closed_reason = services.registration_window_error(meeting)
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and closed_reason is None and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.registration_create(
                meeting=meeting,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation_name=data["organisation_name"],
                category=data["category"],
                comune=data["comune"],
                consent=data["consent"],
                user=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return render(
                request,
                "meetings/registration_done.html",
                {"meeting": meeting, "registration": result.registration, "created": result.created},
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/registration_form.html",
        {"meeting": meeting, "form": form, "closed_reason": closed_reason},
        status=status,
    )


@pagecache.page(pagecache.MEETINGS)
def meeting_calendar(request, slug: str):
    meeting = get_object_or_404(Meeting.objects.select_related("venue_comune"), slug=slug)
    response = HttpResponse(
        meeting_ics(meeting, url=absolute_url(meeting.get_absolute_url())), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


def registration_cancel_by_token(request, token: str):
    try:
        registration = services.registration_from_token(token)
    except DomainError as exc:
        return render(request, "meetings/registration_cancel.html", {"error": exc.message}, status=404)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, token=token)
        except DomainError as exc:
            return render(
                request, "meetings/registration_cancel.html", {"registration": registration, "error": exc.message}, status=409
            )
        messages.success(request, _("L'iscrizione è stata annullata."))
        return redirect(registration.meeting.get_absolute_url())
    return render(request, "meetings/registration_cancel.html", {"registration": registration})


@login_required
def my_registrations(request):
    registrations = selectors.registrations_of_user(request.user)
    return render(request, "meetings/my_registrations.html", {"registrations": registrations, "now": timezone.now()})


@login_required
@require_POST
def my_registration_cancel(request, pk: int):
    registration = get_object_or_404(selectors.registrations_of_user(request.user), pk=pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("L'iscrizione è stata annullata."))
    return redirect("meetings:my_registrations")
