"""One lockout policy for every door that takes a password (django-axes, configured in settings).

The doors: the site's login (allauth, also its re-authentication), the Django admin login and the
Wagtail admin login. All three call `django.contrib.auth.authenticate()`, where axes' backend
refuses a locked-out client and axes' signal handler counts failures. The API takes no password
(session cookie or token), so it has no door of its own.

Policy (docs/security.md, items 3 and 4):
- `AXES_FAILURE_LIMIT` failed passwords for one account from one client address lock that
  (account, address) pair for `AXES_COOLOFF_TIME`: a guesser is stopped, while the real owner,
  from another address, can still log in (no one can lock a victim out from afar);
- `LOGIN_FAILURE_LIMIT_PER_ADDRESS` failures from one address, whatever the accounts, lock that
  address: one client spraying a common password over many accounts is stopped too. The cap is
  high, because a whole office or venue may share one address.
While locked, even the right password is refused with 429 and a page (or JSON) saying when to
retry; the attempts during the lock do not extend it.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

_NAME_KEYS = ("email", "username", "login")


def login_name(request, credentials: dict | None) -> str | None:
    """The account a login attempt names, whichever door: allauth passes `email`, the two admin
    sites `username` (their field holds the email too), the site's form posts `login`. Lower-cased
    as the account adapter stores emails, so "Anna@…" and "anna@…" count as one account."""
    sources = [credentials or {}, getattr(request, "POST", None) or {}]
    for source in sources:
        for key in _NAME_KEYS:
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler plus the per-address cap.

    axes locks when `get_failures() >= AXES_FAILURE_LIMIT`; counting the (account, address) pair is
    axes' own work (`AXES_LOCKOUT_PARAMETERS`). Here an address that reached its own, higher cap
    within the cool-off reports the limit, so axes refuses every account from it."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures >= limit or not address_over_cap(request):
            return failures
        return limit


def address_over_cap(request) -> bool:
    cap = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    if not cap:
        return False
    recent = AccessAttempt.objects.filter(ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request))
    return (recent.aggregate(total=Sum("failures_since_start"))["total"] or 0) >= cap


def lockout_forget(user) -> None:
    """Account deletion: the failed-login rows that name the person's email go too."""
    AccessAttempt.objects.filter(username=user.email.lower()).delete()


def _wants_json(request) -> bool:
    return (
        request.path.startswith("/api/")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or request.content_type == "application/json"
        or request.headers.get("Accept", "").startswith("application/json")
    )


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out client gets at any door: 429 with a page, or JSON for API-style clients.
    (axes calls this with (request, response, credentials) or, from async code, (request, credentials).)"""
    seconds = int(get_cool_off(request).total_seconds())
    minutes = max(1, round(seconds / 60))
    message = _(
        "Troppi tentativi di accesso non riusciti. Per proteggere l'account l'accesso da questo "
        "dispositivo è sospeso: riprova tra %(n)s minuti. Se hai dimenticato la password puoi reimpostarla."
    ) % {"n": minutes}
    if _wants_json(request):
        response = JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message, "minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
