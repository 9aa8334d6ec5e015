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


def _bind(request) -> str:
    offered = request.META.get(_META_KEY, "")
    request.request_id = offered if _VALID.fullmatch(offered) else uuid.uuid4().hex
    return request.request_id


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
        token = _request_id.set(_bind(request))
        try:
            response = self.get_response(request)
            response[HEADER] = _request_id.get()
            return response
        finally:
            _request_id.reset(token)

    async def __acall__(self, request):
        token = _request_id.set(_bind(request))
        try:
            response = await self.get_response(request)
            response[HEADER] = _request_id.get()
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record. The HttpRequest that django.request attaches (its 4xx/5xx
    lines are written after the middleware has returned) gives its own id, and becomes "METHOD
    path" so that the record stays serialisable and carries no cookies, headers or query."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _request_id.get()
        if request is not None and hasattr(request, "get_full_path"):
            record.request = f"{request.method} {request.path}"
        record.__dict__.pop("color_message", None)  # uvicorn's ANSI-coloured copy of the message
        return True
