import pytest
import yaml
from rest_framework.test import APIClient

from consultazione.plan.models import Axis


@pytest.fixture
def api():
    return APIClient()


def test_axes_with_strategies_and_actions(api, psm, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/axes/", {"plan": "psm-2024-2026"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 6
    first = body["results"][0]
    assert first["code"] == 1 and first["plan"] == "psm-2024-2026"
    assert first["strategies"][0]["code"] == "1.1"
    assert [a["code"] for a in first["strategies"][0]["actions"]] == ["1.1.1", "1.1.2", "1.1.3"]
    all_axes = api.get("/api/v1/axes/", {"page_size": 100}).json()
    assert all_axes["count"] == 12


def test_zones_comuni_macro_areas(api, psm):
    zones = api.get("/api/v1/zones/").json()
    assert len(zones) == 11
    assert sum(z["comuni_count"] for z in zones) == 312
    comuni = api.get("/api/v1/comuni/", {"zona": 1}).json()
    assert comuni["count"] == 1 and comuni["results"][0]["istat_code"] == "001272"
    assert api.get("/api/v1/comuni/").json()["count"] == 312
    macro = api.get("/api/v1/macro-areas/").json()
    assert {m["code"] for m in macro} == set("ABCDEF")
    assert next(m for m in macro if m["code"] == "A")["zones"] == [1, 2, 3, 4]


def test_processes_with_active_phase(api, psm):
    psm.set_phase("co_pianificazione")
    body = api.get("/api/v1/processes/").json()
    process = body["results"][0]
    assert process["slug"] == "psm-2024-2026"
    assert len(process["phases"]) == 4
    assert process["active_phase"]["kind"] == "co_pianificazione"
    assert "prioritise" in process["active_phase"]["features"]
    detail = api.get("/api/v1/processes/psm-2024-2026/").json()
    assert detail["plan_revised"] == "psm-2021-2023"


def test_stakeholder_categories(api, psm):
    body = api.get("/api/v1/stakeholder-categories/").json()
    assert len(body) == 10
    assert {"code": "sindacati", "label": "Sindacati"}.items() <= body[0].items()


def test_reference_api_is_read_only(api, psm, staff):
    api.force_authenticate(staff)
    before = list(Axis.objects.values_list("pk", "code"))
    assert api.post("/api/v1/axes/", {"code": 9}).status_code == 405
    assert list(Axis.objects.values_list("pk", "code")) == before


def test_not_found_has_error_format(api, psm):
    response = api.get("/api/v1/processes/nope/")
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "code"}


def test_schema_is_openapi3_and_lists_endpoints(api, psm):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v1/axes/",
        "/api/v1/zones/",
        "/api/v1/comuni/",
        "/api/v1/macro-areas/",
        "/api/v1/processes/",
        "/api/v1/stakeholder-categories/",
    ]:
        assert path in schema["paths"]


def test_docs_page_is_self_hosted(client, psm):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "cdn" not in response.content.decode().lower()


def test_token_authentication(api, psm, citizen):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=citizen)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/zones/").status_code == 200
