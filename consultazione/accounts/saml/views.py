"""SPID/CIE views: thin; the SAML work is in authn.py, the account work in services.py.

The IdP posts its answer cross-site to the ACS, where the session cookie (SameSite=Lax) is not
sent: the ACS only checks the response and keeps the identity under the request's id, then
redirects to `finish`, a same-site GET where the session shows that this browser started that
request (so an answer cannot be replayed into someone else's browser).
"""

import secrets
from functools import wraps
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.cache import cache
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultazione.core import ratelimit
from consultazione.core.clientip import client_ip
from consultazione.core.exceptions import DomainError, RateLimited

from ..pseudonyms import taken_message
from . import services
from .authn import REQUEST_TTL, SamlRejected, authn_request, check_response, identity_providers
from .forms import PseudonymForm
from .metadata import signed_metadata
from .methods import METHODS, Method, enabled_methods, method_or_none

_DONE_KEY = "saml:done:{}"
_SESSION_REQUEST = "saml_request_id"
_SESSION_PENDING = "saml_pending"


def _method(key: str) -> Method:
    method = method_or_none(key)
    if method is None:
        raise Http404
    return method


def _any_method(view):
    """finish and signup exist only while SPID or CIE is on (off: 404, like every other SAML URL)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled_methods():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _error(request, message, status=400):
    return render(request, "saml/error.html", {"message": message}, status=status)


def _rate_limited(view):
    """Starting a sign-in and answering one both run xmlsec (sign, verify): SAML_RATE per address."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        _method(kwargs["method"])  # a method that is off is a 404 before anything is counted
        try:
            ratelimit.check(f"saml:{client_ip(request) or 'unknown'}", settings.SAML_RATE)
        except RateLimited as exc:
            response = _error(request, exc.message, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return value
    return settings.LOGIN_REDIRECT_URL


@require_GET
def metadata(request, method):
    xml = signed_metadata(_method(method))
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@require_GET
@_rate_limited
def login(request, method):
    """`?idp=<entity id>` sends the signed AuthnRequest to that IdP; without it, the list of IdPs."""
    method = _method(method)
    link = request.GET.get("link") == "1"
    if link and not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
    next_url = _safe_next(request, request.GET.get("next"))
    providers = identity_providers(method)
    idp = request.GET.get("idp", "")
    if not idp:
        return render(
            request,
            "saml/choose.html",
            {"method": method, "providers": providers, "next_url": request.GET.get("next", ""), "link": link},
        )
    if idp not in {entity_id for entity_id, _name in providers}:
        return _error(request, _("Il gestore di identità scelto non è tra quelli riconosciuti."))
    state = {"next": next_url, "link_user": request.user.pk if link else None}
    try:
        request_id, destination, saml_request = authn_request(method, idp=idp, level=settings.SPID_LEVEL, state=state)
    except SamlRejected as exc:
        return _error(request, exc.message)
    request.session[_SESSION_REQUEST] = request_id
    response = render(
        request,
        "saml/post.html",
        {"method": method, "destination": destination, "saml_request": saml_request, "relay_state": secrets.token_urlsafe(16)},
    )
    parts = urlsplit(destination)
    response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
    return response


@csrf_exempt
@require_POST
@_rate_limited
def acs(request, method):
    method = _method(method)
    saml_response = request.POST.get("SAMLResponse", "")
    if not saml_response:
        return _error(request, _("Nessuna risposta dal gestore di identità."))
    try:
        identity = check_response(method, saml_response)
    except SamlRejected as exc:
        return _error(request, exc.message)
    cache.set(_DONE_KEY.format(identity.request["id"]), identity.__dict__, REQUEST_TTL)
    return redirect("saml:finish")


@_any_method
@require_GET
def finish(request):
    request_id = request.session.pop(_SESSION_REQUEST, None)
    data = cache.get(_DONE_KEY.format(request_id)) if request_id else None
    if data is None:
        return _error(request, _("L'accesso non è stato completato in questo browser: riprova."))
    cache.delete(_DONE_KEY.format(request_id))
    state = data["request"]
    label = METHODS[data["method"]].label
    try:
        if state.get("link_user"):
            if request.user.pk != state["link_user"]:
                return _error(request, _("L'accesso non è stato completato in questo browser: riprova."))
            services.identity_link(user=request.user, method=data["method"], subject_hash=data["subject_hash"])
            messages.success(request, _("%(method)s è collegato al tuo account.") % {"method": label})
            return redirect("accounts:profile")
        user = services.identity_account(method=data["method"], subject_hash=data["subject_hash"])
    except DomainError as exc:
        return _error(request, exc.message, status=409)
    if user is None:
        request.session[_SESSION_PENDING] = {
            key: data[key] for key in ("method", "subject_hash", "first_name", "last_name", "email")
        } | {"next": state["next"]}
        return redirect("saml:signup")
    get_adapter(request).login(request, user)
    return redirect(state["next"])


@_any_method
@require_http_methods(["GET", "POST"])
def signup(request):
    pending = request.session.get(_SESSION_PENDING)
    if not pending:
        return _error(request, _("Accedi prima con SPID o CIE."))
    email = pending.get("email", "")
    email_note = ""
    if email and not services.email_available(email):
        email_note = _(
            "Esiste già un account con l'email %(email)s: se è tuo, annulla, accedi con email e password "
            "e collega %(method)s dal tuo profilo."
        ) % {"email": email, "method": METHODS[pending["method"]].label}
    form = PseudonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.identity_account_create(
                method=pending["method"],
                subject_hash=pending["subject_hash"],
                pseudonym=form.cleaned_data["pseudonym"],
                email=email,
                first_name=pending.get("first_name", ""),
                last_name=pending.get("last_name", ""),
            )
        except IntegrityError:
            form.add_error("pseudonym", taken_message())
        except DomainError as exc:
            del request.session[_SESSION_PENDING]
            return _error(request, exc.message, status=409)
        else:
            del request.session[_SESSION_PENDING]
            get_adapter(request).login(request, user)
            return redirect(pending["next"])
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "saml/signup.html",
        {"form": form, "method_label": METHODS[pending["method"]].label, "email_note": email_note},
        status=status,
    )


@require_POST
def unlink(request, method):
    method = _method(method)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('accounts:profile')}")
    try:
        services.identity_unlink(user=request.user, method=method.key)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(method)s non è più collegato al tuo account.") % {"method": method.label})
    return redirect("accounts:profile")


@csrf_exempt
@require_POST
def slo(request, method):
    """Single logout posted by the IdP: ends the local session (the IdP ends its own)."""
    _method(method)
    if not (request.POST.get("SAMLRequest") or request.POST.get("SAMLResponse")):
        return _error(request, _("Richiesta di uscita non valida."))
    logout(request)
    return redirect("/")
