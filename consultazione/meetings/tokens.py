"""Signed tokens in the links of registration emails (no login needed to cancel)."""

from django.core import signing

_SALT = "meetings.registration.cancel"


def cancel_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "c": registration.checkin_code}, salt=_SALT, compress=True)


def registration_id_from_token(token: str) -> tuple[int, str] | None:
    """(registration id, check-in code) or None when the token was tampered with."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    return data["r"], str(data.get("c", ""))
