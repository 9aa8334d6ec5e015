"""Public pages: the reasons of moderation and the report form (also reachable without JS)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from consultazione.contributions.rules import contribution_is_public
from consultazione.core.exceptions import DomainError

from ..conf import netiquette_url
from ..forms import ReportForm
from ..items import item_contribution
from ..reasons import reasons_published
from ..services import report_create
from ..services.reports import auto_hide_threshold
from ._common import comment_or_404, contribution_or_404, handle_domain_error, require


def reasons(request):
    context = {"reasons": reasons_published(), "netiquette_url": netiquette_url(), "auto_hide": auto_hide_threshold()}
    return render(request, "moderation/reasons.html", context)


def _back_to(item) -> str:
    contribution = getattr(item, "contribution", item)
    if not contribution.reference:
        return "/"
    return reverse("contributions:detail", kwargs={"reference": contribution.reference})


def _reportable_or_404(item) -> None:
    """Only published content that everyone can read can be reported. Anything else answers 404
    before the form (which quotes the text) is drawn: a pk typed in the URL must never show a
    pending, hidden, rejected or private text."""
    if item.status != "published" or not contribution_is_public(None, item_contribution(item)):
        raise Http404


def _report(request, item):
    _reportable_or_404(item)
    require(request.user, "moderation.report", item)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report_create(reporter=request.user, item=item, **form.cleaned_data)
            except (ValidationError, DomainError) as exc:
                status = handle_domain_error(request, exc, form)
            else:
                messages.success(request, _("Grazie: la segnalazione è arrivata ai moderatori."))
                item.refresh_from_db(fields=["status"])
                if item.status != "published" and not hasattr(item, "parent_id"):
                    # The report hid the contribution until review: its page is gone for now.
                    return redirect("contributions:list")
                return redirect(_back_to(item))
    context = {"form": form, "item": item, "back_url": _back_to(item), "netiquette_url": netiquette_url()}
    return render(request, "moderation/report_form.html", context, status=status)


@login_required
def report_contribution(request, pk: int):
    return _report(request, contribution_or_404(pk))


@login_required
def report_comment(request, pk: int):
    return _report(request, comment_or_404(pk))
