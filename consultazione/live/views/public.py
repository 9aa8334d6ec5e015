"""What participants and the room see: the code form, the phone, the projector, the QR code."""

import io

import segno
from csp.constants import SELF
from csp.decorators import csp_replace
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from consultazione.core.clientip import client_ip
from consultazione.core.exceptions import DomainError

from .. import conf, cookies, shared_state, snapshots
from ..forms import CheckInForm, JoinForm
from ..models import JoinMode
from ..selectors import participant_by_token, session_by_code
from ..services import participant_join
from ._common import not_found, with_session
from ._strings import screen_strings


@require_http_methods(["GET", "POST"])
def join(request):
    """`/live/`: type the code read on the screen (also `?code=` from a link)."""
    data = request.POST if request.method == "POST" else (request.GET if "code" in request.GET else None)
    form = JoinForm(data)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if not _allowed(f"lookup:{client_ip(request)}", "LIVE_JOIN_RATE_PER_IP"):
            return _too_fast(request)
        if session_by_code(code) is None:
            return not_found(request, code)
        return redirect("live:phone", code=code)
    return render(request, "live/join.html", {"form": form})


@never_cache  # it carries this phone's own answers and the state of the moment
@with_session
def phone(request, session):
    """The participant's screen: the join step first, then one question at a time (live-phone.js)."""
    token = cookies.token_of(request, code=session.code)
    participant = participant_by_token(session.pk, token) if token else None
    if participant is None:
        context = {"session": session, "checkin_form": CheckInForm(), "JoinMode": JoinMode}
        response = render(request, "live/phone_join.html", context)
        if cookies.ticket_of(request, code=session.code) is None:
            cookies.set_ticket(response, code=session.code, secure=request.is_secure())
        return response
    snapshot = snapshots.snapshot(session.pk, code=session.code, participant_id=participant.pk)
    context = {"session": session, "participant": participant, "strings": screen_strings(), "snapshot": snapshot}
    return render(request, "live/phone.html", context)


@require_POST
@with_session
def join_session(request, session):
    """Create (or find again) this phone's participant and give it the signed, HttpOnly cookie."""
    token = cookies.token_of(request, code=session.code)
    refusal = _join_refusal(request, session, token)
    if refusal is not None:
        return refusal
    try:
        participant = participant_join(
            session=session, user=request.user, token=token, checkin_code=request.POST.get("checkin_code", "")
        )
    except DomainError as error:
        context = {"session": session, "checkin_form": CheckInForm(request.POST), "error": error.message, "JoinMode": JoinMode}
        return render(request, "live/phone_join.html", context, status=403 if error.code == "login_required" else 400)
    response = redirect("live:phone", code=session.code)
    cookies.set_participant(response, code=session.code, token=participant.token, secure=request.is_secure())
    return response


@never_cache  # the state of the moment
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # replace, not add: 'none' with 'self' is invalid
@with_session
def projector(request, session):
    """The big screen: join code and QR while waiting, then results (live-projector.js)."""
    join_url = request.build_absolute_uri(reverse("live:phone", kwargs={"code": session.code}))
    snapshot = snapshots.snapshot(session.pk, code=session.code)
    context = {"session": session, "join_url": join_url, "strings": screen_strings(), "snapshot": snapshot}
    return render(request, "live/projector.html", context)


@cache_control(max_age=3600)
@with_session
def qr(request, session):
    """The QR code of the phone URL as a standalone SVG image, drawn here (no external service).

    A standalone SVG needs its namespace (`svg_inline` leaves it out, and browsers then show the
    alt text), a viewBox to scale to any screen, a light background for the quiet zone on any
    theme, and a border of 4 modules (the quiet zone the QR standard asks for)."""
    url = request.build_absolute_uri(reverse("live:phone", kwargs={"code": session.code}))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=10, border=4, omitsize=True, light="#fff", title=_("Codice QR per partecipare")
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _join_refusal(request, session, token):
    """The 429 for a join past a limit, or None (docs/live.md, "Joining at venue scale").

    A phone is told apart by its participant cookie, or before it joined by the join ticket the
    phone page gave it: each may only retry slowly, so one client hammering the endpoint is stopped
    while 5,000 phones behind one NAT are not. A join without either (a script that never loaded
    the page) is held to a strict cap per address. Then the session's budget per second: when the
    room is full for this second the phone's own attempt is given back, so waiting for the crowd
    never turns into "too many attempts from this device". Last, a generous cap per address.
    A client refused by its own limit stops there and never eats the room's budget."""
    address = client_ip(request)
    ticket = cookies.ticket_of(request, code=session.code)
    if token is not None:
        own = (f"join:{session.pk}:{token}", "LIVE_JOIN_RATE_PER_PARTICIPANT")
    elif ticket is not None:
        own = (f"join-ticket:{session.pk}:{ticket}", "LIVE_JOIN_RATE_PER_TICKET")
    else:
        own = (f"join-noticket:{session.pk}:{address}", "LIVE_JOIN_RATE_WITHOUT_TICKET")
    device = _("Troppi tentativi di entrare da questo dispositivo: aspetta %(n)s secondi e riprova.")
    if not _allowed(*own):
        return _too_fast(request, device, own[1])
    if not _allowed(f"join-session:{session.pk}", "LIVE_JOIN_RATE_PER_SESSION"):
        shared_state.rate_refund(own[0])
        crowd = _("Molte persone stanno entrando in questo momento: aspetta %(n)s secondi e riprova.")
        return _too_fast(request, crowd, "LIVE_JOIN_RATE_PER_SESSION")
    if not _allowed(f"join-ip:{session.pk}:{address}", "LIVE_JOIN_RATE_PER_IP"):
        return _too_fast(request, device, "LIVE_JOIN_RATE_PER_IP")
    return None


def _allowed(key: str, setting: str) -> bool:
    limit, window = shared_state.rate_parse(conf.get(setting))
    return shared_state.rate_hit(key, limit=limit, window=window)


def _too_fast(request, message: str | None = None, setting: str = "LIVE_JOIN_RATE_PER_IP"):
    _limit, window = shared_state.rate_parse(conf.get(setting))
    context = {"message": (message or _("Aspetta %(n)s secondi e riprova.")) % {"n": window}}
    response = render(request, "live/too_fast.html", context, status=429)
    response["Retry-After"] = str(window)
    return response
