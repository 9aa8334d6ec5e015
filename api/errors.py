"""One error format for the whole API.

Every error body has `detail` (a human message) and `code`; validation errors also carry
`errors`: {field: [messages]} (`non_field_errors` for the rest). Domain exceptions raised by
services map to HTTP statuses with core.exceptions.http_status (the map the web views use
too), so views never translate them by hand.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from consultazione.core.exceptions import DomainError, http_status


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {key: [str(item) for item in (value if isinstance(value, list) else [value])] for key, value in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {"non_field_errors": [str(detail)]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, DomainError):
        response = Response({"detail": exc.message, "code": exc.code}, status=http_status(exc))
        if getattr(exc, "retry_after", None):
            response["Retry-After"] = str(exc.retry_after)
        return response
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Alcuni dati non sono validi."), "code": "invalid", "errors": _field_errors(exc.detail)}
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response
