"""Structured logging: a request id for every HTTP request, added to every log line it causes.

The id comes from the reverse proxy (`X-Request-ID`, nginx's `$request_id`) so that the proxy's
access log and the application's lines share it; without a valid one a new id is made. It is sent
back in the response header. The JSON formatter itself is python-json-logger's (see production
settings)."""

import contextvars
import logging
import re
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_VALID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


def _request_id_from(request) -> str:
    offered = request.META.get(_META_KEY, "")
    return offered if _VALID.fullmatch(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    """First middleware: binds the request id for the duration of the request (sync or async)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        token = _request_id.set(_request_id_from(request))
        try:
            response = self.get_response(request)
            response[HEADER] = _request_id.get()
            return response
        finally:
            _request_id.reset(token)

    async def __acall__(self, request):
        token = _request_id.set(_request_id_from(request))
        try:
            response = await self.get_response(request)
            response[HEADER] = _request_id.get()
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record; turns the HttpRequest that django.request attaches into
    "METHOD path" so that the record stays serialisable and carries no cookies, headers or query."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "get_full_path"):
            record.request = f"{request.method} {request.path}"
        return True
