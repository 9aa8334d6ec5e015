"""Preparing and running questions from the presenter console (plain POST forms, redirect back)."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError

from ..forms import QuestionForm
from ..models import Entry, Question
from ..services import (
    entry_moderate,
    question_close,
    question_create,
    question_delete,
    question_move,
    question_open,
    question_reset,
    question_reveal,
    question_update,
    session_show,
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


QUESTION_ACTIONS = {
    "open": lambda user, q: question_open(user=user, question=q),
    "close": lambda user, q: question_close(user=user, question=q),
    "reveal": lambda user, q: question_reveal(user=user, question=q, revealed=True),
    "hide": lambda user, q: question_reveal(user=user, question=q, revealed=False),
    "reset": lambda user, q: question_reset(user=user, question=q),
    "show": lambda user, q: session_show(user=user, session=q.session, question=q),
    "delete": lambda user, q: question_delete(user=user, question=q),
    "up": lambda user, q: question_move(user=user, question=q, offset=-1),
    "down": lambda user, q: question_move(user=user, question=q, offset=1),
}


@require_POST
@facilitator_only
def question_control(request, session, pk: int, action: str):
    question = get_object_or_404(Question.objects.select_related("session"), pk=pk, session=session)
    control = QUESTION_ACTIONS.get(action)
    if control is None:
        raise Http404
    try:
        control(request.user, question)
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
            return JsonResponse({"detail": error.message, "code": error.code}, status=400)
        messages.error(request, error.message)
        return redirect("live:presenter", code=session.code)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"id": entry.pk, "status": entry.status, "pinned": entry.pinned, "answered": entry.answered})
    return redirect("live:presenter", code=session.code)
