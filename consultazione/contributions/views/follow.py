"""The "Segui" / "Non seguire più" button of a contribution page (plain POST + redirect)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core.exceptions import DomainError
from consultazione.notifications.services import follow_set

from ._common import visible_contribution_or_404


def _act(request, reference: str, *, following: bool, done: str):
    contribution = visible_contribution_or_404(request, reference)
    back = reverse("contributions:detail", kwargs={"reference": contribution.reference}) + "#segui"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        follow_set(user=request.user, contribution=contribution, following=following)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back)


@require_POST
def follow(request, reference: str):
    return _act(
        request,
        reference,
        following=True,
        done=_("Segui questo contributo: ti scriveremo quando riceve commenti o un esito."),
    )


@require_POST
def unfollow(request, reference: str):
    return _act(request, reference, following=False, done=_("Non segui più questo contributo."))
