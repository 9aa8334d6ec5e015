"""Support and withdraw buttons (plain POST + redirect; JSON with the re-rendered slot for voting.js)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.contributions.models import Contribution
from consultazione.core.exceptions import DomainError

from ..services import support_add, support_remove

SLOT_TEMPLATE = "contributions/slots/detail_support.html"


def _contribution(pk: int) -> Contribution:
    try:
        return Contribution.objects.select_related("process", "author").get(pk=pk)
    except Contribution.DoesNotExist:
        raise Http404 from None


def _back(request, contribution: Contribution) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    if contribution.reference:
        try:
            return reverse("contributions:detail", args=[contribution.reference])
        except NoReverseMatch:
            pass
    return "/contributi/"


def _respond(request, contribution: Contribution, *, ok: bool, message: str):
    if request.headers.get("Accept") == "application/json":
        html = render_to_string(
            SLOT_TEMPLATE,
            {"contribution": contribution, "user": request.user, "next": _back(request, contribution)},
            request=request,
        )
        return JsonResponse(
            {"ok": ok, "message": message, "support_count": contribution.support_count, "html": html}, status=200 if ok else 409
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect(_back(request, contribution))


def _act(request, pk: int, service, done: str):
    contribution = _contribution(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_back(request, contribution))
    try:
        contribution = service(user=request.user, contribution=contribution)
    except DomainError as error:
        return _respond(request, contribution, ok=False, message=error.message)
    return _respond(request, contribution, ok=True, message=done)


@require_POST
def support(request, pk: int):
    return _act(request, pk, support_add, _("Grazie: il tuo sostegno è registrato."))


@require_POST
def unsupport(request, pk: int):
    return _act(request, pk, support_remove, _("Hai ritirato il tuo sostegno."))
