"""The moderator's queue (filters, bulk actions) and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consultazione.contributions.models import Comment, Contribution
from consultazione.core.exceptions import DomainError
from consultazione.core.params import renamed

from .. import selectors
from ..forms import BulkDecisionForm, QueueFilterForm
from ..items import ItemType
from ..models import Decision
from ..services import items_decide_bulk
from ._common import ALL_DECISIONS, handle_domain_error, require

PER_PAGE = 25


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _queue_page(request, *, bulk_form=None, status=200):
    filter_form = QueueFilterForm(request.GET or None)
    filters = filter_form.filters()
    page_obj = Paginator(selectors.queue(user=request.user, filters=filters), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "filters": filters,
        "page_obj": page_obj,
        "is_comments": filters.content == ItemType.COMMENT,
        "bulk_form": bulk_form or BulkDecisionForm(actions=ALL_DECISIONS),
        "querystring": _querystring(request),
        "backlog": selectors.backlog(user=request.user),
    }
    return render(request, "moderation/queue.html", context, status=status)


@login_required
def queue(request):
    require(request.user, "moderation.view_queue")
    return _queue_page(request)


def items_from_tokens(tokens) -> list[tuple[object, str]]:
    """[(type, pk, seen_state)] → [(item, seen_state)] with one query per content type."""
    wanted = {ItemType.CONTRIBUTION: set(), ItemType.COMMENT: set()}
    for content, pk, _state in tokens:
        wanted[content].add(pk)
    found = {
        ItemType.CONTRIBUTION: Contribution.objects.in_bulk(wanted[ItemType.CONTRIBUTION]),
        ItemType.COMMENT: Comment.objects.select_related("contribution").in_bulk(wanted[ItemType.COMMENT]),
    }
    return [(found[content][pk], state) for content, pk, state in tokens if pk in found[content]]


@login_required
@require_POST
def bulk_decide(request):
    require(request.user, "moderation.view_queue")
    form = BulkDecisionForm(request.POST, actions=ALL_DECISIONS)
    if not form.is_valid():
        return _queue_page(request, bulk_form=form, status=400)
    data = form.cleaned_data
    try:
        result = items_decide_bulk(
            actor=request.user,
            items=items_from_tokens(data["items"]),
            action=data["action"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
        )
    except (ValidationError, DomainError) as exc:
        return _queue_page(request, bulk_form=form, status=handle_domain_error(request, exc, form))
    label = Decision.Action(data["action"]).label
    count = len(result.applied)
    messages.success(
        request, ngettext("%(label)s: %(n)s contenuto.", "%(label)s: %(n)s contenuti.", count) % {"label": label, "n": count}
    )
    if result.conflicts:
        messages.warning(
            request,
            _("%(n)s contenuti erano già stati decisi da qualcun altro e non sono stati modificati.")
            % {"n": len(result.conflicts)},
        )
    query = _querystring(request)
    return redirect(reverse("moderation:queue") + (f"?{query}" if query else ""))


AUDIT_LOG_OLD_NAMES = {"azione": "action", "risultato": "result"}


@login_required
def audit_log(request):
    require(request.user, "moderation.view_queue")
    params = renamed(request.GET, AUDIT_LOG_OLD_NAMES)
    action = params.get("action", "")
    action = action if action in Decision.Action.values else ""
    result = params.get("result", "")
    result = result if result in Decision.Result.values else ""
    page_obj = Paginator(selectors.audit_log(action=action, result=result), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/audit_log.html",
        {
            "page_obj": page_obj,
            "actions": Decision.Action.choices,
            "results": Decision.Result.choices,
            "action": action,
            "result": result,
            "querystring": _querystring(request),
        },
    )
