"""The preferences page (also a section of the profile) and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from consultazione.core.exceptions import DomainError
from consultazione.core.forms import add_service_errors

from .forms import PreferencesForm
from .kinds import EventKind
from .selectors import preferences_of
from .services import preferences_update, unsubscribe
from .tokens import BadToken, unsubscribe_read


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, initial=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            preferences_update(actor=request.user, user=request.user, changes=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Preferenze di notifica salvate."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200)


def _labels(kinds) -> list[str]:
    return [str(EventKind(kind).label) for kind in kinds]


@csrf_exempt  # the signed token is the credential: mail providers POST here without a session (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    """GET: a confirmation page (nothing changes: link scanners only read). POST: unsubscribe,
    from the page's button or from the mail client's one-click request."""
    if request.method == "GET":
        try:
            _user_id, kinds = unsubscribe_read(token)
        except BadToken:
            return render(request, "notifications/unsubscribe_invalid.html", status=400)
        return render(request, "notifications/unsubscribe.html", {"kinds": _labels(kinds), "done": False})
    try:
        _user, kinds = unsubscribe(token=token)
    except DomainError as error:
        return render(request, "notifications/unsubscribe_invalid.html", {"message": error.message}, status=400)
    return render(request, "notifications/unsubscribe.html", {"kinds": _labels(kinds), "done": True})
