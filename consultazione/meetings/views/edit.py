"""Staff pages to create, edit and cancel a meeting (what the Django admin did before).

Thin: the forms parse, `services.meeting_create` / `meeting_update` / `meeting_cancel` decide.
A refusal of the service lands on the form (field errors on their field), nothing is half-saved
because each service runs in one transaction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultazione.core.exceptions import DomainError
from consultazione.core.forms import add_service_errors
from consultazione.process.selectors import process_current

from .. import services
from ..forms.edit import (
    AgendaFormSet,
    CancelForm,
    MeetingForm,
    TableFormSet,
    agenda_initial,
    agenda_specs,
    table_specs,
    tables_initial,
    with_more_rows,
)
from ..models import RegistrationStatus
from .manage import staff_view

AGENDA, TABLES = "agenda", "tavoli"
M2M = ("axes", "zones")


def _bound(request, meeting=None, process=None):
    data = request.POST if request.method == "POST" else None
    more = request.method == "POST" and request.POST.get("more")
    if more in (AGENDA, TABLES):
        data = with_more_rows(data, more)
    form = MeetingForm(data, instance=meeting, process=process)
    agenda = AgendaFormSet(data, prefix=AGENDA, initial=None if data or meeting is None else agenda_initial(meeting))
    tables = TableFormSet(data, prefix=TABLES, initial=None if data or meeting is None else tables_initial(meeting))
    return form, agenda, tables, bool(more)


def _save(request, form, agenda, tables, save):
    """Call the service; its refusals become form errors. Returns the meeting or None."""
    data = dict(form.cleaned_data)
    m2m = {name: data.pop(name) for name in M2M}
    try:
        with transaction.atomic():
            return save(data=data, agenda=agenda_specs(agenda), tables=table_specs(tables), **m2m)
    except (ValidationError, DomainError) as exc:
        add_service_errors(form, exc)
    return None


def _edit_page(request, *, process, meeting, write, done: str, context: dict):
    """The create and edit pages: the form with its agenda and table rows; on a valid POST `write`
    (the create or update service) saves them and the page goes back to the meeting's summary."""
    form, agenda, tables, more = _bound(request, meeting=meeting, process=process)
    status = 200
    if request.method == "POST" and not more:
        if form.is_valid() & agenda.is_valid() & tables.is_valid():
            saved = _save(request, form, agenda, tables, write)
            if saved is not None:
                messages.success(request, done)
                return redirect("meetings:manage", slug=saved.slug)
        status = 400
    context = {"form": form, "agenda": agenda, "tables": tables, "meeting": meeting, **context}
    return render(request, "meetings/manage/edit.html", context, status=status)


@login_required
def meeting_new(request):
    if not request.user.has_perm("meetings.add_meeting"):
        raise PermissionDenied
    process = process_current()
    if process is None:
        raise Http404(_("Nessun processo in corso."))
    return _edit_page(
        request,
        process=process,
        meeting=None,
        write=lambda data, **rest: services.meeting_create(actor=request.user, process=process, **data, **rest),
        done=_("Incontro creato."),
        context={"process": process},
    )


@staff_view("meetings.change_meeting")
def meeting_edit(request, meeting):
    if meeting.is_cancelled:
        messages.error(request, _("L'incontro è stato annullato: non si può più modificare."))
        return redirect("meetings:manage", slug=meeting.slug)
    return _edit_page(
        request,
        process=None,
        meeting=meeting,
        write=lambda data, **rest: services.meeting_update(actor=request.user, meeting=meeting, **data, **rest),
        done=_("Modifiche salvate."),
        context={"section": "edit", "live_sessions": meeting.live_sessions.order_by("-created_at")},
    )


@staff_view("meetings.change_meeting")
def meeting_cancel(request, meeting):
    form = CancelForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_cancel(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Incontro annullato: gli iscritti ricevono un'email."))
                return redirect(meeting.get_absolute_url())
        status = 400
    context = {
        "form": form,
        "meeting": meeting,
        "section": "cancel",
        "to_notify": meeting.registrations.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
        .exclude(email="")
        .count(),
    }
    return render(request, "meetings/manage/cancel.html", context, status=status)
