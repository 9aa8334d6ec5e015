"""The signed token of the one-click unsubscribe link: who, and which kinds of email to stop.

Signed with the project's SECRET_KEY (django.core.signing) and a salt of its own, so that it works
without signing in and cannot be forged or altered; it does not expire (RFC 8058 links must keep
working in old emails)."""

from django.core import signing

from .kinds import EventKind

SALT = "consultazione.notifications.unsubscribe"


class BadToken(Exception):
    pass


def unsubscribe_token(user, kinds) -> str:
    return signing.dumps({"u": user.pk, "k": sorted(str(kind) for kind in kinds)}, salt=SALT)


def unsubscribe_read(token: str) -> tuple[int, list[str]]:
    """(user id, kinds) from a token; BadToken when it was tampered with or is not ours."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadToken from error
    if not isinstance(payload, dict):
        raise BadToken
    user_id, kinds = payload.get("u"), payload.get("k")
    if not isinstance(user_id, int) or not isinstance(kinds, list) or not kinds:
        raise BadToken
    if any(kind not in EventKind.values for kind in kinds):
        raise BadToken
    return user_id, kinds
