"""Staff page of a process: its four phases with planned and actual dates, and one button to make a
phase the active one (or to let the calendar decide again), through `phase_activate`."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError

from .selectors import active_phase, processes_with_phases
from .services import phase_activate


def _process_for_staff(request, slug: str):
    process = get_object_or_404(processes_with_phases(), slug=slug)
    if not request.user.has_perm("process.change_process", process):
        raise PermissionDenied
    return process


def process_manage(request, slug: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    process = _process_for_staff(request, slug)
    current = active_phase(process)
    forced = next((phase for phase in process.phases.all() if phase.force_active), None)
    return render(
        request,
        "process/process_manage.html",
        {"process": process, "phases": list(process.phases.all()), "active_phase": current, "forced_phase": forced},
    )


@require_POST
def phase_activate_view(request, slug: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    process = _process_for_staff(request, slug)
    raw = request.POST.get("phase", "")
    # "calendar" lets the dates decide again; anything but a phase id is refused by the service.
    phase_id = None if raw == "calendar" else (int(raw) if raw.isdigit() else 0)
    try:
        process = phase_activate(actor=request.user, process=process, phase_id=phase_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        current = active_phase(process)
        if phase_id is None:
            messages.success(
                request,
                _("La fase attiva segue di nuovo il calendario: %(phase)s.") % {"phase": current}
                if current
                else _("La fase attiva segue di nuovo il calendario: oggi nessuna fase è in corso."),
            )
        else:
            messages.success(request, _("«%(phase)s» è ora la fase attiva.") % {"phase": current})
    return redirect("process:manage", slug=process.slug)
