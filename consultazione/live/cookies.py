"""The participant cookie: the participant's token, signed, HttpOnly, one cookie per session code."""

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
