"""Preparing and running questions from the presenter console (plain POST forms, redirect back)."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError, http_status

from .. import commands
from ..forms import QuestionForm
from ..models import Entry, Question
from ..services import (
    entry_moderate,
    question_create,
    question_update,
)
from .facilitator import facilitator_only


def _save(request, session, form, save):
    """Run the service; a domain refusal becomes a form error, nothing is stored."""
    try:
        save(form.spec())
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    return redirect("live:presenter", code=session.code)


@facilitator_only
def question_new(request, session):
    """A question written by hand; those built from the consultation: question_sources.py."""
    title = _("Nuova domanda")
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _save(request, session, form, lambda spec: question_create(user=request.user, session=session, spec=spec))
        if done:
            messages.success(request, _("Domanda aggiunta."))
            return done
    return render(request, "live/question_form.html", {"session": session, "form": form, "title": title})


@facilitator_only
def question_edit(request, session, pk: int):
    question = get_object_or_404(Question, pk=pk, session=session)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        done = _save(request, session, form, lambda spec: question_update(user=request.user, question=question, spec=spec))
        if done:
            return done
    context = {"session": session, "form": form, "title": _("Modifica la domanda"), "question": question}
    return render(request, "live/question_form.html", context)


@require_POST
@facilitator_only
def question_control(request, session, pk: int, action: str):
    """A question's buttons without JavaScript: the same commands as the console's script (commands.py)."""
    get_object_or_404(Question, pk=pk, session=session)
    if action not in commands.QUESTION_ACTIONS:
        raise Http404
    try:
        commands.run({"type": "control", "action": action, "question": pk}, user=request.user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("live:presenter", code=session.code)


@require_POST
@facilitator_only
def entry_control(request, session, pk: int, action: str):
    """Approve, reject, pin, mark answered: JSON for the console's script, a redirect otherwise."""
    entry = get_object_or_404(Entry.objects.select_related("question__session"), pk=pk, question__session=session)
    try:
        entry = entry_moderate(user=request.user, entry=entry, action=action)
    except DomainError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"detail": error.message, "code": error.code}, status=http_status(error))
        messages.error(request, error.message)
        return redirect("live:presenter", code=session.code)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"id": entry.pk, "status": entry.status, "pinned": entry.pinned, "answered": entry.answered})
    return redirect("live:presenter", code=session.code)
