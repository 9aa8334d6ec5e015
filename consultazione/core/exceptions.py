"""Domain exceptions raised by services; interfaces translate them with `http_status` (the one
map from a domain exception to an HTTP status, used by the web views and the API alike)."""

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


HTTP_STATUS: list[tuple[type[DomainError], int]] = [
    (PermissionDenied, 403),
    (Conflict, 409),
    (InvalidInput, 400),
    (RateLimited, 429),
]


def http_status(error: Exception) -> int:
    """The HTTP status a web view or the API answers a service's refusal with (400 by default)."""
    return next((status for klass, status in HTTP_STATUS if isinstance(error, klass)), 400)


__all__ = [
    "DomainError",
    "PermissionDenied",
    "NotAllowedInPhase",
    "Conflict",
    "InvalidInput",
    "RateLimited",
    "ValidationError",
    "HTTP_STATUS",
    "http_status",
]
