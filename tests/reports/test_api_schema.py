"""API completeness: the OpenAPI document is valid OpenAPI 3 and every operation of every
module (not only the reports ones) is described; the browsable docs load."""

import yaml
from openapi_spec_validator import validate

METHODS = {"get", "post", "put", "patch", "delete"}


def _schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi_3(client, db):
    schema = _schema(client)
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_operation_has_a_summary_or_description(client, db):
    schema = _schema(client)
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS and not (operation.get("summary") or operation.get("description"))
    ]
    assert missing == [], "Operations without a description:\n" + "\n".join(missing)


def test_reports_endpoints_are_documented_with_examples(client, db):
    paths = _schema(client)["paths"]
    for path in [
        "/api/v1/dashboard/{slug}/",
        "/api/v1/open-data/{slug}/",
        "/api/v1/open-data/{slug}/package/",
        "/api/v1/export-jobs/",
        "/api/v1/statistics/",
    ]:
        assert path in paths, path
        for operation in paths[path].values():
            assert operation["summary"] and operation["description"]
    assert paths["/api/v1/export-jobs/"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert paths["/api/v1/dashboard/{slug}/"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    assert {"tokenAuth", "cookieAuth"} <= set(_schema(client)["components"]["securitySchemes"])


def test_browsable_docs(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
