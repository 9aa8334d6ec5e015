"""Outcomes (esiti): one contribution from its review page, many at once as a thematic response,
and the public page of a thematic response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.process.models import Process

from .. import selectors
from ..forms import OutcomeForm, ThematicResponseForm
from ..services import outcome_record, thematic_response_create
from ._common import contribution_or_404, handle_domain_error, require
from .curation import is_confirmation, selected_contributions
from .review import render_review


@login_required
@require_POST
def outcome(request, pk: int):
    contribution = contribution_or_404(pk)
    require(request.user, "moderation.record_outcome", contribution)
    form = OutcomeForm(request.POST, process=contribution.process)
    if not form.is_valid():
        return render_review(request, contribution, outcome_form=form, status=400)
    try:
        outcome_record(actor=request.user, contribution=contribution, **form.cleaned_data)
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        return render_review(request, contribution_or_404(pk), outcome_form=form, status=status)
    messages.success(request, _("Esito registrato e comunicato all'autore."))
    return redirect("moderation:contribution", pk=pk)


@login_required
@require_POST
def thematic_create(request):
    require(request.user, "moderation.record_outcome")
    candidates = selected_contributions(request)
    processes = {item.process_id for item in candidates}
    if len(processes) != 1:
        messages.error(request, _("Seleziona nella coda i contributi (di un solo processo) a cui dare la stessa risposta."))
        return redirect("moderation:queue")
    process = Process.objects.get(pk=processes.pop())
    if not is_confirmation(request):
        form = ThematicResponseForm(process=process, candidates=candidates, initial={"contributions": candidates})
        return render(request, "moderation/thematic_form.html", {"form": form, "process": process})
    form = ThematicResponseForm(request.POST, process=process, candidates=candidates)
    status = 400
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["contributions"] = list(data["contributions"])
        try:
            response = thematic_response_create(actor=request.user, process=process, **data)
        except (ValidationError, DomainError) as exc:
            status = handle_domain_error(request, exc, form)
        else:
            messages.success(request, _("Risposta tematica applicata a %(n)s contributi.") % {"n": len(data["contributions"])})
            return redirect("moderation:thematic_detail", pk=response.pk)
    return render(request, "moderation/thematic_form.html", {"form": form, "process": process}, status=status)


def thematic_detail(request, pk: int):
    response = get_object_or_404(selectors.thematic_responses(), pk=pk)
    contributions = selectors.thematic_response_contributions(response)
    return render(request, "moderation/thematic_detail.html", {"response": response, "contributions": contributions})
