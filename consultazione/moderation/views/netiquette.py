"""The netiquette edit from the review page (the form is on the page; these views take its POST)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.core.permissions import user_may

from ..forms import NetiquetteEditForm
from ..services import item_edit_for_netiquette
from ._common import comment_or_404, contribution_or_404, handle_domain_error
from .review import render_review


def _edit(request, item, *, url_name: str):
    if not user_may(request.user, "moderation.edit_for_netiquette", item):
        raise HttpForbidden("moderation.edit_for_netiquette")
    form = NetiquetteEditForm(request.POST, item=item)
    if not form.is_valid():
        return render_review(request, item, netiquette_form=form, status=400)
    try:
        item_edit_for_netiquette(actor=request.user, item=item, **form.service_kwargs())
    except (ValidationError, DomainError) as exc:
        status = handle_domain_error(request, exc, form)
        item.refresh_from_db()
        return render_review(request, item, netiquette_form=form, status=status)
    messages.success(request, _("Testo modificato per la netiquette: l'autore riceve un'email, il motivo è pubblico."))
    return redirect(url_name, pk=item.pk)


@login_required
@require_POST
def contribution_edit(request, pk: int):
    return _edit(request, contribution_or_404(pk), url_name="moderation:contribution")


@login_required
@require_POST
def comment_edit(request, pk: int):
    return _edit(request, comment_or_404(pk), url_name="moderation:comment")
