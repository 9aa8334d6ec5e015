"""The suite-wide check of API responses against the OpenAPI document (tests/api_contract.py):
a response that drifts from the document fails the request that got it, with the path, the status
and the validator's message; requests outside the document are left to their own tests."""

import pytest
from openapi_core import OpenAPI
from rest_framework.response import Response
from rest_framework.test import APIClient

from api.reference import AxisSerializer, AxisViewSet
from tests import api_contract
from tests.api_contract import ResponseDoesNotMatchSchema

pytestmark = pytest.mark.django_db


def test_a_body_that_drifts_fails_the_request(psm, monkeypatch):
    original = AxisSerializer.to_representation
    monkeypatch.setattr(AxisSerializer, "to_representation", lambda self, axis: {**original(self, axis), "code": "uno"})
    with pytest.raises(ResponseDoesNotMatchSchema) as failure:
        APIClient().get("/api/v1/axes/")
    message = str(failure.value)
    assert message.startswith("GET /api/v1/axes/ answered 200")
    assert "at results/0/code: 'uno' is not of type 'integer'" in message


def test_an_undocumented_status_fails_the_request(psm, monkeypatch):
    monkeypatch.setattr(AxisViewSet, "list", lambda self, request: Response({"detail": "No.", "code": "teapot"}, status=418))
    with pytest.raises(
        ResponseDoesNotMatchSchema, match="GET /api/v1/axes/ answered 418(.|\n)*Unknown response http status: 418"
    ):
        APIClient().get("/api/v1/axes/")


def test_a_body_where_the_document_describes_none_fails_the_request(psm, monkeypatch):
    """openapi-core leaves such a body unchecked; the hook does not (`responses={429: None}` was one)."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/api/v1/axes/": {"get": {"responses": {"200": {"description": "No body."}}}}},
    }
    monkeypatch.setattr(api_contract, "openapi", lambda: OpenAPI.from_dict(document))
    with pytest.raises(ResponseDoesNotMatchSchema, match=r"answered 200(.|\n)*a body \(application/json\) where the document"):
        APIClient().get("/api/v1/axes/")


def test_answers_outside_the_document_are_not_checked(psm, client):
    assert client.get("/api/v1/no-such-thing/").status_code == 404
    assert APIClient().put("/api/v1/axes/").status_code in (403, 405)
    assert client.get("/api/schema/").status_code == 200
