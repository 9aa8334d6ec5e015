import io

import pytest
from rest_framework.test import APIClient

from consultazione.monitoring.models import ActionTracking, ActionTrackingChange, Indicator, IndicatorValue
from consultazione.monitoring.services import indicator_save

API = "/api/v1/monitoring/"


@pytest.fixture
def api():
    return APIClient()


def test_public_list_with_progress_and_filters(api, mini, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = api.get(f"{API}actions/", {"plan": "piano-prova"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    by_code = {row["code"]: row for row in body["results"]}
    assert by_code["1.1.2"]["status"] == "in_progress" and by_code["1.1.2"]["progress"] == 50
    assert by_code["1.1.3"]["status"] == "not_started" and by_code["1.1.3"]["progress"] == 0
    assert by_code["1.2.2"]["merged_into"] == "1.2.1"
    suspended = api.get(f"{API}actions/", {"plan": "piano-prova", "status": "suspended"}).json()
    assert [row["code"] for row in suspended["results"]] == ["2.1.1"]
    assert api.get(f"{API}actions/", {"plan": "piano-prova", "axis": "2"}).json()["count"] == 1


def test_default_plan_is_the_plan_in_force(api, psm):
    results = api.get(f"{API}actions/").json()["results"]
    assert {row["plan"] for row in results} == {"psm-2024-2026"}


def test_detail_has_indicators_and_hides_emails(api, mini, staff, citizen):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    indicator_save(actor=staff, indicator=Indicator(tracking=tracking, name="Dataset", unit="number"), source="admin")
    body = api.get(f"{API}actions/{mini.actions['1.1.2'].pk}/").json()
    assert body["indicators"][0]["name"] == "Dataset"
    assert body["contributions"] == [] and body["meetings"] == [] and body["updates"] == []
    assert "@" not in str(body)


def test_progress_endpoint(api, mini):
    body = api.get(f"{API}progress/", {"plan": "piano-prova"}).json()
    assert body["progress"] == 32.5
    assert [axis["progress"] for axis in body["axes"]] == [35.0, 30.0, None]


def test_staff_patch_is_audited_and_others_are_refused(api, mini, staff, citizen):
    url = f"{API}actions/{mini.actions['1.1.2'].pk}/"
    assert api.patch(url, {"progress": 60}, format="json").status_code in (401, 403)
    api.force_authenticate(citizen)
    response = api.patch(url, {"progress": 60}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    api.force_authenticate(staff)
    response = api.patch(url, {"progress": 60, "responsible_office": "Ufficio API"}, format="json")
    assert response.status_code == 200 and response.json()["progress"] == 60
    assert ActionTrackingChange.objects.filter(source="api", tracking__action=mini.actions["1.1.2"]).exists()


def test_patch_errors_are_field_errors(api, mini, staff):
    api.force_authenticate(staff)
    url = f"{API}actions/{mini.actions['1.1.2'].pk}/"
    response = api.patch(url, {"progress": 101}, format="json")
    assert response.status_code == 400 and "progress" in response.json()["errors"]
    response = api.patch(url, {"status": "completed", "progress": 90}, format="json")
    assert response.status_code == 400 and "progress" in response.json()["errors"]
    response = api.patch(url, {"status": "merged", "merged_into": "8.8.8"}, format="json")
    assert response.status_code == 400 and "merged_into" in response.json()["errors"]
    assert ActionTracking.objects.get(action=mini.actions["1.1.2"]).progress == 50


def test_indicator_value_with_wrong_unit_is_a_400(api, mini, staff):
    tracking = ActionTracking.objects.get(action=mini.actions["1.1.2"])
    indicator = indicator_save(actor=staff, indicator=Indicator(tracking=tracking, name="Dataset", unit="number"), source="admin")
    api.force_authenticate(staff)
    url = f"{API}indicators/{indicator.pk}/values/"
    response = api.post(url, {"date": "2025-01-31", "value": "4", "unit": "percent"}, format="json")
    assert response.status_code == 400
    assert "non in «%»" in response.json()["errors"]["unit"][0]
    response = api.post(url, {"date": "2999-01-31", "value": "4", "unit": "number"}, format="json")
    assert response.status_code == 400 and "date" in response.json()["errors"]
    response = api.post(url, {"date": "2025-01-31", "value": "4", "unit": "number"}, format="json")
    assert response.status_code == 201
    assert IndicatorValue.objects.count() == 1


def test_import_endpoint(api, mini, staff, steering_member):
    def upload(content: bytes):
        file = io.BytesIO(content)
        file.name = "azioni.csv"
        return api.post(f"{API}import/", {"plan": "piano-prova", "sheet": "azioni", "file": file}, format="multipart")

    api.force_authenticate(steering_member)
    assert upload(b"codice_azione,avanzamento\n1.1.2,70\n").status_code == 403
    api.force_authenticate(staff)
    refused = upload(b"codice_azione,avanzamento\n1.1.2,70\n5.5.5,10\n1.2.1,101\n")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "import_refused"
    assert [(row["row"], row["sheet"]) for row in body["rows"]] == [(3, "azioni"), (4, "azioni")]
    assert ActionTracking.objects.get(action=mini.actions["1.1.2"]).progress == 50
    done = upload(b"codice_azione,avanzamento\n1.1.2,70\n")
    assert done.status_code == 200 and done.json()["actions"] == 1
    assert ActionTracking.objects.get(action=mini.actions["1.1.2"]).progress == 70


def test_schema_documents_monitoring(api):
    schema = api.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/monitoring/actions/" in schema.content
