"""The participant cookie: the participant's token, signed, HttpOnly, one cookie per session code."""

import uuid

from django.core import signing

from . import conf

SALT = "consultazione.live.participant"


def name(code: str) -> str:
    return f"live_{code}"


def max_age() -> int:
    return conf.get("LIVE_PARTICIPANT_COOKIE_DAYS") * 24 * 3600


def set_participant(response, *, code: str, token: uuid.UUID, secure: bool) -> None:
    response.set_signed_cookie(
        name(code), str(token), salt=SALT, max_age=max_age(), httponly=True, samesite="Lax", secure=secure, path="/"
    )


def token_from(raw: str | None, *, code: str) -> uuid.UUID | None:
    """The token of a raw cookie value (as the WebSocket scope carries it), or None if forged or expired."""
    if not raw:
        return None
    try:
        value = signing.get_cookie_signer(salt=name(code) + SALT).unsign(raw, max_age=max_age())
        return uuid.UUID(value)
    except (signing.BadSignature, ValueError):
        return None


def token_of(request, *, code: str) -> uuid.UUID | None:
    return token_from(request.COOKIES.get(name(code)), code=code)
