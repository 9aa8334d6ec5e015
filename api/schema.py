"""OpenAPI generation: hooks, and the error responses every operation can give.

Error bodies come from api/errors.py: `{"detail", "code"}`, plus `errors` ({field: [messages]})
for invalid input. The generic ones below are added to each operation where the framework
itself produces them; an operation documents its own domain refusals (409, 429, a 403 on a
read) with `extend_schema(responses=...)`, which always wins over these.
"""

import functools

from drf_spectacular import generators, openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Permissions that never refuse a read: anything else can answer 403 (anonymous or not allowed).
OPEN_FOR_READS = (permissions.AllowAny, permissions.IsAuthenticatedOrReadOnly)


def only_public_api(endpoints):
    """Document our API only (Wagtail's admin API under /cms-admin/ is internal)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class ApiErrorSerializer(serializers.Serializer):
    """The body of every error answer (see api/errors.py)."""

    detail = serializers.CharField(help_text="A human-readable message (Italian).")
    code = serializers.CharField(help_text="Machine-readable: `invalid`, `not_found`, `permission_denied`, `already_supported`…")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Invalid input only: {field: [messages]}, `non_field_errors` for the rest.",
    )


INVALID = OpenApiResponse(ApiErrorSerializer, description="Invalid input (`errors` per field) or a rule of the service.")
MALFORMED = OpenApiResponse(
    ApiErrorSerializer,
    description="`invalid_characters`: a NUL byte or an unpaired surrogate in the path or the query (core.middleware).",
)
FORBIDDEN = OpenApiResponse(ApiErrorSerializer, description="Not logged in, or not allowed (`code` says why).")
NOT_FOUND = OpenApiResponse(ApiErrorSerializer, description="No such object, or not visible to you.")
PAGE_NOT_FOUND = OpenApiResponse(ApiErrorSerializer, description="No such page (`page` past the end of the list).")
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(
    ApiErrorSerializer, description="A body without `Content-Type`, or of a type this operation does not accept."
)
CONFLICT = OpenApiResponse(ApiErrorSerializer, description="The current state does not allow it (`code` says why).")
TOO_MANY_REQUESTS = OpenApiResponse(
    ApiErrorSerializer, description="`rate_limited`: too many requests; `Retry-After` says when to retry."
)

BLANK_STRING = {"type": "string", "maxLength": 0}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the error responses an operation can give: 400 for input
    (a body or query filters; malformed input everywhere), 403 where a permission can refuse, 404 for a path with ids and for
    a page past the end of a list, 415 for a body of the wrong (or no) media type."""

    def _insert_field_validators(self, field, schema):
        """A blank-allowed string with a format or a pattern (`online_url`: a URI or "") is `anyOf`
        the two: drf-spectacular says `oneOf`, which rejects "" wherever the format is not checked
        (JSON Schema leaves `format` an annotation), because "" then matches both."""
        super()._insert_field_validators(field, schema)
        if schema.get("oneOf", [None])[-1] == BLANK_STRING:
            schema["anyOf"] = schema.pop("oneOf")

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A nullable field whose values are an enum (a relation by a choice slug: a meeting's `phase`)
        lists null among them, so that drf-spectacular's enum extraction keeps it nullable."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if getattr(field, "allow_null", False) and schema and "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if not operation:
            return operation
        responses = operation["responses"]
        for code, response in self._error_responses(operation).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code)
        return operation

    def _error_responses(self, operation) -> dict:
        parameters = operation.get("parameters", [])
        paginated = self._is_list_view() and self._get_paginator() is not None
        pagination_names = {"page", "page_size"} if paginated else set()
        filtered = any(p["in"] == "query" and p["name"] not in pagination_names for p in parameters)
        unsafe = self.method in UNSAFE_METHODS
        errors = {}
        # Any request can be refused as malformed (NUL bytes, surrogates) before it reaches the view.
        errors["400"] = INVALID if unsafe or filtered else MALFORMED
        if unsafe or not all(isinstance(p, OPEN_FOR_READS) for p in self.view.get_permissions()):
            errors["403"] = FORBIDDEN
        if any(p["in"] == "path" for p in parameters):
            errors["404"] = NOT_FOUND
        elif paginated:
            errors["404"] = PAGE_NOT_FOUND
        if "requestBody" in operation:
            errors["415"] = UNSUPPORTED_MEDIA_TYPE
        return errors


@functools.cache
def _with_errors(schema_class: type) -> type:
    """The view's schema class (drf-spectacular's, or the one `extend_schema` built) with our error responses."""
    return type(f"Documented{schema_class.__name__}", (AutoSchema, schema_class), {})


class SchemaGenerator(generators.SchemaGenerator):
    """Every view is described by our AutoSchema (its own `extend_schema` overrides included).

    Used by the /api/schema/ view; with `DEFAULT_SCHEMA_CLASS = "api.schema.AutoSchema"` in the DRF
    settings it would have nothing left to do."""

    def create_view(self, callback, method, request=None):
        view = super().create_view(callback, method, request)
        schema_class = view.schema.__class__
        if not issubclass(schema_class, AutoSchema):
            self._set_schema_to_view(view, _with_errors(schema_class)())
        return view
