"""Every API response the test suite produces is checked against the OpenAPI document.

`install()` wraps Django's test `Client.request` (DRF's `APIClient` goes through it too): each
response to an operation of the document (a path under /api/v1/ with its method) is validated by
openapi-core — a status the operation does not document, a body or a header that does not match
its schema fails the test that made the request, with the path, the status and the validator's
message. Requests outside the document (the schema itself, /api/docs/, unknown paths, methods an
operation does not have) are not checked here: the 404/405 answers of those are asserted by their
own tests.

The document is generated once per process (about 1 s), by the same generator as /api/schema/, the
first time an API response is seen (tests that never call the API pay nothing); checking one
response then takes 1-3 ms.
"""

import functools
import json

from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import PathError

API_PREFIX = "/api/v1/"


class ResponseDoesNotMatchSchema(AssertionError):
    pass


@functools.cache
def openapi() -> OpenAPI:
    from drf_spectacular.renderers import OpenApiJsonRenderer
    from drf_spectacular.settings import spectacular_settings

    document = spectacular_settings.DEFAULT_GENERATOR_CLASS().get_schema(request=None, public=True)
    # The document itself is validated once by tests/reports/test_api_schema.py (0.8 s saved per process).
    return OpenAPI.from_dict(json.loads(OpenApiJsonRenderer().render(document)), config=Config(spec_validator_cls=None))


class _Request(DjangoOpenAPIRequest):
    """The concrete path: openapi-core matches it against the document's templates (its reading of
    Django's route cannot follow DRF's regex routes)."""

    @property
    def path_pattern(self) -> None:
        return None

    @property
    def body(self) -> bytes:
        """Requests are not validated here, and a multipart body has been consumed by the view."""
        return b""


def _messages(error: Exception) -> list[str]:
    """One line per failed schema rule, with where in the body it failed (or the error itself)."""
    schema_errors = getattr(error.__cause__, "schema_errors", None) or getattr(error, "schema_errors", None)
    if not schema_errors:
        return [f"{type(error).__name__}: {error}"]
    lines = []
    for schema_error in schema_errors:
        where = "/".join(str(part) for part in schema_error.absolute_path) or "(body)"
        lines.append(f"  at {where}: {schema_error.message}")
    return lines


def _undocumented_body(request: _Request, response) -> list[str]:
    """openapi-core checks a body only where the document gives one: a body the document does not
    describe at all (`responses: {409: None}`) is a drift too."""
    if response.streaming or not response.content:
        return []
    validator = openapi().response_validator
    _path, operation, *_ = validator._find_path(request)
    if "content" in validator._find_operation_response(response.status_code, operation):
        return []
    return [f"  a body ({response.get('Content-Type', 'no Content-Type')}) where the document describes none"]


def errors_of(response) -> list[str]:
    """The validator's messages for one test-client response ([] when it matches or is not an operation)."""
    if not response.wsgi_request.path.startswith(API_PREFIX):
        return []
    request = _Request(response.wsgi_request)
    errors = list(openapi().iter_response_errors(request, DjangoOpenAPIResponse(response)))
    if any(isinstance(error, PathError) for error in errors):
        return []
    if errors:
        return [line for error in errors for line in _messages(error)]
    return _undocumented_body(request, response)


def check(response) -> None:
    errors = errors_of(response)
    if errors:
        request = response.wsgi_request
        raise ResponseDoesNotMatchSchema(
            f"{request.method} {request.get_full_path()} answered {response.status_code}, "
            "which the OpenAPI document does not allow:\n" + "\n".join(errors)
        )


def install(monkeypatch) -> None:
    original = Client.request

    def request(self, **kwargs):
        response = original(self, **kwargs)
        check(response)
        return response

    monkeypatch.setattr(Client, "request", request)
