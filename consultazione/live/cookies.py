"""The participant cookie: the participant's token, signed, HttpOnly, one cookie per session code.

Before it, the join ticket: a signed random value the phone page gives a phone that has not joined
yet (cookie `live_ticket_<CODE>`, 1 hour). It is what tells 5,000 phones behind one address apart
before they are participants, so the join limits count per ticket instead of per address."""

import uuid

from django.core import signing

from . import conf

SALT = "consultazione.live.participant"


def name(code: str) -> str:
    return f"live_{code}"


def max_age() -> int:
    return conf.get("LIVE_PARTICIPANT_COOKIE_DAYS") * 24 * 3600


def _signer(code: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"{SALT}:{code}")


def signed(token: uuid.UUID, *, code: str) -> str:
    return _signer(code).sign(str(token))


def set_participant(response, *, code: str, token: uuid.UUID, secure: bool) -> None:
    response.set_cookie(
        name(code), signed(token, code=code), max_age=max_age(), httponly=True, samesite="Lax", secure=secure, path="/"
    )


def token_from(raw: str | None, *, code: str) -> uuid.UUID | None:
    """The token of a raw cookie value (as the WebSocket scope carries it), or None if forged or expired."""
    if not raw:
        return None
    try:
        return uuid.UUID(_signer(code).unsign(raw, max_age=max_age()))
    except (signing.BadSignature, ValueError):
        return None


def token_of(request, *, code: str) -> uuid.UUID | None:
    return token_from(request.COOKIES.get(name(code)), code=code)


TICKET_SALT = "consultazione.live.ticket"
TICKET_SECONDS = 3600


def ticket_name(code: str) -> str:
    return f"live_ticket_{code}"


def set_ticket(response, *, code: str, secure: bool) -> None:
    value = signing.TimestampSigner(salt=f"{TICKET_SALT}:{code}").sign(uuid.uuid4().hex)
    response.set_cookie(ticket_name(code), value, max_age=TICKET_SECONDS, httponly=True, samesite="Lax", secure=secure, path="/")


def ticket_of(request, *, code: str) -> str | None:
    """The random part of this phone's join ticket, or None if it has none (or a forged or stale one)."""
    raw = request.COOKIES.get(ticket_name(code))
    if not raw:
        return None
    try:
        return signing.TimestampSigner(salt=f"{TICKET_SALT}:{code}").unsign(raw, max_age=TICKET_SECONDS)
    except signing.BadSignature:
        return None
