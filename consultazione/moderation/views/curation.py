"""Curation from the review page (re-tag, duplicate of) and from the queue (merge selected)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import DomainError

from ..forms import DuplicateOfForm, MergeForm, RetagForm, parse_item_token
from ..items import ItemType
from ..services import contribution_retag, contributions_merge
from ._common import contribution_or_404, handle_domain_error, require
from .review import render_review


@login_required
@require_POST
def retag(request, pk: int):
    contribution = contribution_or_404(pk)
    require(request.user, "moderation.curate", contribution)
    form = RetagForm(request.POST, process=contribution.process, kind=contribution.kind)
    if not form.is_valid():
        return render_review(request, contribution, retag_form=form, status=400)
    try:
        contribution_retag(actor=request.user, contribution=contribution, **form.cleaned_data)
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        return render_review(request, contribution_or_404(pk), retag_form=form, status=status)
    messages.success(request, _("Classificazione aggiornata; i valori precedenti restano nel registro."))
    return redirect("moderation:contribution", pk=pk)


@login_required
@require_POST
def duplicate_of(request, pk: int):
    """Mark this contribution as a duplicate of another one, given by its code: a merge of one."""
    source = contribution_or_404(pk)
    require(request.user, "moderation.curate", source)
    form = DuplicateOfForm(request.POST)
    target = None
    if form.is_valid():
        target = Contribution.objects.filter(reference__iexact=form.cleaned_data["target_reference"].strip()).first()
        if target is None:
            form.add_error("target_reference", _("Nessun contributo con questo codice."))
    if target is None:
        return render_review(request, source, duplicate_form=form, status=400)
    try:
        contributions_merge(actor=request.user, target=target, sources=[source], reason_text=form.cleaned_data["reason_text"])
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        return render_review(request, contribution_or_404(pk), duplicate_form=form, status=status)
    messages.success(request, _("Contributo unito a %(ref)s.") % {"ref": target.reference})
    return redirect("moderation:contribution", pk=target.pk)


def selected_contributions(request):
    """The contributions ticked in the queue (tokens "contribution:<pk>:<state>") or carried by
    the confirmation form (`sources`), in one query."""
    tokens = [parse_item_token(token) for token in request.POST.getlist("items")]
    pks = {token[1] for token in tokens if token and token[0] == ItemType.CONTRIBUTION}
    pks |= {int(pk) for pk in request.POST.getlist("sources") if pk.isdigit()}
    return Contribution.objects.filter(pk__in=pks).select_related("process", "axis", "zona", "author").order_by("pk")


def is_confirmation(request) -> bool:
    """Step two of a queue action: the queue posts the selection, the confirmation page posts `confirm`."""
    return request.POST.get("confirm") == "1"


@login_required
@require_POST
def merge(request):
    require(request.user, "moderation.view_queue")
    candidates = selected_contributions(request)
    if not is_confirmation(request):
        if len(candidates) < 2:
            messages.error(request, _("Per unire seleziona almeno due contributi nella coda."))
            return redirect("moderation:queue")
        form = MergeForm(candidates=candidates, initial={"sources": candidates, "target": candidates[0]})
        return render(request, "moderation/merge.html", {"form": form, "candidates": candidates})
    form = MergeForm(request.POST, candidates=candidates)
    status = 400
    if form.is_valid():
        target = form.cleaned_data["target"]
        sources = [item for item in form.cleaned_data["sources"] if item.pk != target.pk]
        try:
            contributions_merge(actor=request.user, target=target, sources=sources, reason_text=form.cleaned_data["reason_text"])
        except (ValidationError, DomainError) as exc:
            status = handle_domain_error(request, exc, form)
        else:
            messages.success(request, _("%(n)s contributi uniti in %(ref)s.") % {"n": len(sources), "ref": target.reference})
            return redirect("moderation:contribution", pk=target.pk)
    return render(request, "moderation/merge.html", {"form": form, "candidates": candidates}, status=status)
