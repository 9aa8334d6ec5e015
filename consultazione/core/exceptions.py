"""Domain exceptions raised by services; interfaces translate them (403, 400, 409)."""

from django.core.exceptions import ValidationError


class DomainError(Exception):
    """Base class: a message safe to show to the user."""

    def __init__(self, message: str = "", *, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    default_code = "error"


class PermissionDenied(DomainError):
    default_code = "permission_denied"


class NotAllowedInPhase(PermissionDenied):
    default_code = "phase_closed"


class Conflict(DomainError):
    """The state changed under the caller (another moderator decided first, vote after close…)."""

    default_code = "conflict"


class InvalidInput(DomainError):
    """Bad input that is not a single field's problem; field problems use ValidationError."""

    default_code = "invalid"


class RateLimited(DomainError):
    """Too many actions of one kind in a short time (see core.ratelimit); the API answers 429."""

    default_code = "rate_limited"

    def __init__(self, message: str = "", *, code: str | None = None, retry_after: int | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


__all__ = [
    "DomainError",
    "PermissionDenied",
    "NotAllowedInPhase",
    "Conflict",
    "InvalidInput",
    "RateLimited",
    "ValidationError",
]
