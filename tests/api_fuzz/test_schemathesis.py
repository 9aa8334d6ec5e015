"""Fuzz every operation of the OpenAPI document through the real WSGI application, as a citizen
and as staff: no 5xx, and status code, content type, headers and body as documented.

Fixtures (demo content, the person's own objects, real path values) are in conftest.py;
docs/api-fuzzing.md says how to run it longer."""

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.pytest.from_fixture("api_schema")


# Reads and writes are two tests (each as citizen and as staff) so that parallel workers share the load.
@schema.include(method="GET").parametrize()
def test_reads_conform_to_the_schema(case):
    case.call_and_validate(checks=CHECKS)


@schema.exclude(method="GET").parametrize()
def test_writes_conform_to_the_schema(case):
    case.call_and_validate(checks=CHECKS)
