"""Staff pages: create an exercise, change its settings, open and close it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.core.forms import add_service_errors
from consultazione.process.selectors import process_current

from ..forms import ExerciseForm, ExerciseSettingsForm
from ..services import exercise_close, exercise_create, exercise_open, exercise_update
from .public import visible_exercise


def _require_staff(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def exercise_create_view(request):
    _require_staff(request, "voting.add_priorityexercise")
    current = process_current()
    form = ExerciseForm(request.POST or None, initial={"process": current.pk if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            exercise = exercise_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error, aliases={"contributions": "contribution_references"})
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Esercizio creato con %(n)s voci.") % {"n": exercise.items.count()})
            return redirect("voting:exercise_detail", pk=exercise.pk)
    return render(request, "voting/exercise_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def exercise_edit_view(request, pk: int):
    exercise = visible_exercise(request, pk)
    _require_staff(request, "voting.change_priorityexercise", exercise)
    form = ExerciseSettingsForm.for_exercise(exercise, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exercise_update(actor=request.user, exercise=exercise, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Impostazioni salvate."))
            return redirect("voting:exercise_detail", pk=exercise.pk)
    return render(request, "voting/exercise_form.html", {"form": form, "exercise": exercise}, status=400 if form.errors else 200)


def _transition(request, pk: int, service, done: str):
    exercise = visible_exercise(request, pk)
    _require_staff(request, "voting.change_priorityexercise", exercise)
    try:
        service(actor=request.user, exercise=exercise)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("voting:exercise_detail", pk=exercise.pk)


@login_required
@require_POST
def exercise_open_view(request, pk: int):
    return _transition(request, pk, exercise_open, _("Esercizio aperto alla partecipazione."))


@login_required
@require_POST
def exercise_close_view(request, pk: int):
    return _transition(request, pk, exercise_close, _("Esercizio chiuso: le schede non si possono più cambiare."))
