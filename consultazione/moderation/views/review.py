"""The review page of one contribution or comment: decide, dismiss reports, see the history.
Curation and outcome forms live on the same page and post to views in curation.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.core.permissions import user_may

from .. import selectors
from ..forms import DecisionForm, DismissForm, DuplicateOfForm, NetiquetteEditForm, OutcomeForm, RetagForm
from ..items import ItemType
from ..services import allowed_actions, edit_version, is_auto_hidden, item_decide, reports_dismiss
from ._common import REVIEW_DECISIONS, action_choices, comment_or_404, contribution_or_404, handle_domain_error, require


def _url_name(item) -> str:
    return "moderation:comment" if hasattr(item, "parent_id") else "moderation:contribution"


def render_review(request, item, *, status=200, **forms):
    """The page with every form (bound ones passed in keep their input and errors)."""
    user = request.user
    is_comment = hasattr(item, "parent_id")
    context = {
        "item": item,
        "content": ItemType.COMMENT if is_comment else ItemType.CONTRIBUTION,
        "contribution": item.contribution if is_comment else item,
        "decision_form": forms.get("decision_form")
        or DecisionForm(
            actions=action_choices(allowed_actions(item)),
            initial={"expected_state": item.status, "expected_edit": edit_version(item)},
        ),
        "dismiss_form": forms.get("dismiss_form") or DismissForm(),
        "decisions": selectors.decisions_for_item(item),
        "reports": selectors.reports_for_item(item),
        "reports_by_reason": selectors.reports_by_reason(item),
        "auto_hidden": is_auto_hidden(item),
        "can_block": user.has_perm("moderation.block_user", item.author) if item.author_id else False,
        "can_edit_text": user_may(user, "moderation.edit_for_netiquette", item),
    }
    if context["can_edit_text"] and item.status != "deleted":
        context["netiquette_form"] = forms.get("netiquette_form") or NetiquetteEditForm(item=item)
    if not is_comment:
        process = item.process
        context.update(
            retag_form=forms.get("retag_form")
            or RetagForm(
                process=process,
                kind=item.kind,
                initial={name: getattr(item, f"{name}_id") for name in ("axis", "strategy", "action", "zona", "comune")},
            ),
            duplicate_form=forms.get("duplicate_form") or DuplicateOfForm(),
            can_record_outcome=user.has_perm("moderation.record_outcome", item),
            outcome=selectors.outcome_for(item),
        )
        if context["can_record_outcome"]:
            record = context["outcome"]
            initial = {"outcome": record.outcome, "motivation": record.motivation} if record else {}
            context["outcome_form"] = forms.get("outcome_form") or OutcomeForm(process=process, initial=initial)
    return render(request, "moderation/review.html", context, status=status)


def _review(request, item):
    require(request.user, "moderation.decide", item)
    if request.method != "POST":
        return render_review(request, item)
    # Any decision action is accepted here: a stale form may ask for one the current state no
    # longer offers, and the service then answers with the conflict.
    form = DecisionForm(request.POST, actions=REVIEW_DECISIONS)
    if not form.is_valid():
        return render_review(request, item, decision_form=form, status=400)
    data = form.cleaned_data
    try:
        decision = item_decide(
            actor=request.user,
            item=item,
            action=data["action"],
            expected_state=data["expected_state"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
            expected_edit=data["expected_edit"],
        )
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        item.refresh_from_db()
        return render_review(request, item, decision_form=form if status == 400 else None, status=status)
    messages.success(request, _("Decisione registrata: %(action)s.") % {"action": decision.get_action_display()})
    return redirect(_url_name(item), pk=item.pk)


@login_required
def contribution_review(request, pk: int):
    return _review(request, contribution_or_404(pk))


@login_required
def comment_review(request, pk: int):
    return _review(request, comment_or_404(pk))


def _dismiss(request, item):
    require(request.user, "moderation.dismiss_reports", item)
    form = DismissForm(request.POST)
    form.is_valid()
    try:
        reports_dismiss(actor=request.user, item=item, reason_text=form.cleaned_data.get("reason_text", ""))
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        item.refresh_from_db()
        return render_review(request, item, dismiss_form=form, status=status)
    messages.success(request, _("Segnalazioni archiviate."))
    return redirect(_url_name(item), pk=item.pk)


@login_required
@require_POST
def contribution_dismiss(request, pk: int):
    return _dismiss(request, contribution_or_404(pk))


@login_required
@require_POST
def comment_dismiss(request, pk: int):
    return _dismiss(request, comment_or_404(pk))
