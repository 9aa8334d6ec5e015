"""Submitting (online and facilitated), editing within the window and withdrawing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultazione.accounts.selectors import user_is_verified
from consultazione.core.exceptions import DomainError, http_status
from consultazione.core.permissions import user_may
from consultazione.process.selectors import active_phase

from .. import conf, lifecycle, limits, services
from ..forms import ContributionEditForm, ContributionForm, FacilitatedContributionForm
from ..models import Status
from ..selectors import similar_contributions
from ..text import to_editable
from ._common import PENDING_EDIT_MESSAGE, current_process_or_404, visible_contribution_or_404


def _refusal(request, process):
    """Why this person cannot submit now (shown instead of the form)."""
    user = request.user
    phase = active_phase(process)
    if user.is_blocked:
        reason = _("Il tuo account è stato sospeso: non puoi inviare contributi.")
    elif not user_is_verified(user):
        reason = _("Conferma il tuo indirizzo email per inviare contributi: ti abbiamo inviato un messaggio con il link.")
    elif phase is None:
        reason = _("In questo momento il processo non ha una fase aperta alla partecipazione.")
    else:
        reason = _("La fase «%(phase)s» non accetta nuovi contributi.") % {"phase": phase}
    return render(request, "contributions/not_allowed.html", {"process": process, "reason": reason}, status=403)


def _preselect_axis(form, axis_id: str) -> None:
    """`?axis=<pk>` (the axis page's "Invia un contributo") preselects that axis when the form
    offers it; anything else is ignored and the person chooses."""
    if axis_id.isdigit() and form.fields["axis"].queryset.filter(pk=axis_id).exists():
        form.initial["axis"] = int(axis_id)


def _submit(request, *, form_class, template: str, facilitated: bool):
    process = current_process_or_404()
    perm = "contributions.add_facilitated_contribution" if facilitated else "contributions.add_contribution"
    if not request.user.has_perm(perm, process):
        return _refusal(request, process)
    similar = None
    if "_similar" in request.POST:
        # "Cerca contributi simili" without JS: the form comes back filled, with the matches above it.
        form = form_class(initial=request.POST.dict(), process=process, user=request.user)
        similar = similar_contributions(title=request.POST.get("title", ""))
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES or None, process=process, user=request.user)
    else:
        form = form_class(process=process, user=request.user)
        _preselect_axis(form, request.GET.get("axis", ""))
    status = 200
    if similar is None and request.method == "POST" and form.is_valid():
        try:
            with limits.submission(request.user, facilitated=facilitated):
                contribution = services.contribution_submit(submitted_by=request.user, process=process, **form.service_kwargs())
        except (ValidationError, DomainError) as exc:
            form.add_service_errors(exc)
            status = http_status(exc)
        else:
            if contribution.status == Status.PUBLISHED:
                messages.success(request, _("Grazie! Il contributo %(ref)s è pubblicato.") % {"ref": contribution.reference})
            else:
                messages.info(
                    request,
                    _("Grazie! Il contributo %(ref)s è stato ricevuto e sarà letto dai moderatori.")
                    % {"ref": contribution.reference},
                )
            return redirect("contributions:detail", reference=contribution.reference)
    return render(
        request,
        template,
        {"form": form, "process": process, "similar": similar, "facilitated": facilitated},
        status=400 if status == 200 and form.is_bound and form.errors else status,
    )


@login_required
def contribution_create(request):
    return _submit(request, form_class=ContributionForm, template="contributions/form.html", facilitated=False)


@login_required
def facilitated_create(request):
    return _submit(request, form_class=FacilitatedContributionForm, template="contributions/form.html", facilitated=True)


@login_required
def contribution_edit(request, reference: str):
    contribution = visible_contribution_or_404(request, reference)
    if not user_may(request.user, "contributions.change_contribution", contribution):
        if not user_may(request.user, "contributions.own_contribution", contribution):
            raise PermissionDenied("Not the author")
        minutes = int(conf.contribution_edit_window().total_seconds() // 60)
        messages.error(
            request,
            _("Questo contributo non è più modificabile (si può modificare per %(n)s minuti dall'invio).") % {"n": minutes},
        )
        return redirect("contributions:detail", reference=contribution.reference)
    pending = contribution.pending_edit_at is not None  # the author goes on from the edit that waits
    initial = {
        "title": contribution.pending_title if pending else contribution.title,
        "body": to_editable(contribution.pending_body if pending else contribution.body),
        "axis": contribution.axis_id,
        "strategy": contribution.strategy_id,
        "action": contribution.action_id,
        "zona": contribution.zona_id,
        "comune": contribution.comune_id,
    }
    form = ContributionEditForm(request.POST or None, initial=initial, process=contribution.process, kind=contribution.kind)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.contribution_update(actor=request.user, contribution=contribution, **form.service_kwargs())
        except (ValidationError, DomainError) as exc:
            form.add_service_errors(exc)
            status = http_status(exc)
        else:
            if updated.pending_edit_at is not None:
                messages.info(request, PENDING_EDIT_MESSAGE)
            else:
                messages.success(request, _("Contributo modificato."))
            return redirect("contributions:detail", reference=contribution.reference)
    return render(
        request,
        "contributions/edit.html",
        {"form": form, "contribution": contribution, "edit_deadline": contribution.created_at + conf.contribution_edit_window()},
        status=400 if status == 200 and form.is_bound and form.errors else status,
    )


@login_required
def contribution_withdraw(request, reference: str):
    contribution = visible_contribution_or_404(request, reference)
    if not user_may(request.user, "contributions.withdraw_contribution", contribution):
        messages.error(request, _("Non puoi ritirare questo contributo."))
        return redirect("contributions:detail", reference=contribution.reference)
    if request.method == "POST":
        try:
            withdrawn = services.contribution_withdraw(actor=request.user, contribution=contribution)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if lifecycle.is_public_state(lifecycle.state_of(withdrawn)):
                messages.success(request, _("Hai ritirato il contributo. Resta consultabile con l'indicazione «ritirato»."))
            else:
                messages.success(request, _("Hai ritirato il contributo. Resta non visibile agli altri."))
        return redirect("contributions:detail", reference=contribution.reference)
    return render(request, "contributions/withdraw.html", {"contribution": contribution})
