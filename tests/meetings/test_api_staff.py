"""Staff create, edit and cancel meetings through the API (issue 16 item 10, meetings part)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from consultazione.meetings.models import Meeting, MeetingTable

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def body(psm, **overrides):
    starts = timezone.now() + timedelta(days=20)
    data = {
        "kind": "tavolo_territoriale",
        "title": "Tavolo API",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "format": "in_presenza",
        "venue_comune": psm.comune("Pinerolo").istat_code,
        "venue_name": "Sala consiliare",
        "capacity": 30,
        "axes": [psm.axes[1].pk],
        "agenda": [{"title": "Saluti", "duration_minutes": 10}, {"title": "Tavoli", "duration_minutes": 60, "in_tables": True}],
        "tables": [{"title": "Mobilità", "axis": psm.axes[3].pk}],
    }
    data.update(overrides)
    return data


def test_staff_creates_meeting(api, staff, psm):
    api.force_authenticate(staff)
    response = api.post("/api/v1/meetings/", body(psm), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [item["title"] for item in data["agenda"]] == ["Saluti", "Tavoli"]
    assert data["tables"][0]["title"] == "Mobilità" and data["cancelled_at"] is None
    assert Meeting.objects.get(slug=data["slug"]).created_by == staff


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at": (timezone.now() + timedelta(days=19)).isoformat()}, "ends_at"),
        ({"format": "online", "venue_comune": None}, "online_url"),
        ({"venue_comune": None}, "venue_comune"),
        ({"capacity": 10**12}, "capacity"),
        ({"tables": [{"title": "Fantasma", "id": 10**12}]}, "non_field_errors"),
    ],
)
def test_bad_meeting_is_400_with_field_and_nothing_saved(api, staff, psm, overrides, field):
    api.force_authenticate(staff)
    response = api.post("/api/v1/meetings/", body(psm, **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json().get("errors", {"non_field_errors": [response.json()["detail"]]})
    assert not Meeting.objects.filter(title="Tavolo API").exists()
    assert not MeetingTable.objects.filter(title="Mobilità").exists()


@pytest.mark.parametrize("role", ["anonymous", "citizen", "facilitator"])
def test_others_get_403(api, psm, citizen, facilitator, table_meeting, role):
    user = {"anonymous": None, "citizen": citizen, "facilitator": facilitator}[role]
    if user:
        api.force_authenticate(user)
    assert api.post("/api/v1/meetings/", body(psm), format="json").status_code == 403
    url = f"/api/v1/meetings/{table_meeting.slug}/"
    assert api.patch(url, {"title": "Preso"}, format="json").status_code == 403
    assert api.post(url + "cancel/", {"reason": "x"}, format="json").status_code == 403
    table_meeting.refresh_from_db()
    assert table_meeting.title == "Lancio pubblico" and not table_meeting.is_cancelled
    assert not Meeting.objects.filter(title="Tavolo API").exists()


def test_patch_changes_only_given_fields_and_keeps_facilitator(api, staff, table_meeting, facilitator):
    api.force_authenticate(staff)
    url = f"/api/v1/meetings/{table_meeting.slug}/"
    tables = api.get(url).json()["tables"]
    response = api.patch(
        url,
        {"capacity": 80, "tables": [{"id": tables[1]["id"], "title": "B"}, {"id": tables[0]["id"], "title": "A"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["capacity"] == 80 and response.json()["title"] == "Lancio pubblico"
    assert [t["title"] for t in response.json()["tables"]] == ["B", "A"]
    assert MeetingTable.objects.get(pk=tables[0]["id"]).facilitator == facilitator


def test_patch_capacity_below_confirmed_is_400(api, staff, make_meeting):
    meeting = make_meeting(capacity=5)
    for n in range(3):
        register(meeting, n)
    api.force_authenticate(staff)
    response = api.patch(f"/api/v1/meetings/{meeting.slug}/", {"capacity": 2, "title": "Cambiato"}, format="json")
    assert response.status_code == 400 and "capacity" in response.json()["errors"]
    meeting.refresh_from_db()
    assert meeting.capacity == 5 and meeting.title == "Tavolo di prova"


def test_patch_rows_must_be_whole(api, staff, table_meeting):
    api.force_authenticate(staff)
    url = f"/api/v1/meetings/{table_meeting.slug}/"
    response = api.patch(url, {"capacity": 80, "agenda": [{"id": 0, "duration_minutes": 15}]}, format="json")
    assert response.status_code == 400 and "agenda" in response.json()["errors"]
    table_meeting.refresh_from_db()
    assert table_meeting.capacity is None and table_meeting.agenda.count() == 3


def test_unknown_meeting_is_404(api, staff):
    api.force_authenticate(staff)
    assert api.patch("/api/v1/meetings/non-esiste/", {"capacity": 1}, format="json").status_code == 404
    assert api.post("/api/v1/meetings/non-esiste/cancel/", {"reason": "x"}, format="json").status_code == 404


def test_cancel_then_edit_is_409(api, staff, make_meeting, django_capture_on_commit_callbacks):
    meeting = make_meeting()
    register(meeting, 1)
    mail.outbox.clear()
    api.force_authenticate(staff)
    url = f"/api/v1/meetings/{meeting.slug}/"
    assert api.post(url + "cancel/", {"reason": ""}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url + "cancel/", {"reason": "Sciopero dei trasporti"}, format="json")
    assert response.status_code == 200
    assert response.json()["cancellation_reason"] == "Sciopero dei trasporti" and response.json()["cancelled_at"]
    assert [m.to for m in mail.outbox] == [["p01@example.org"]]
    again = api.post(url + "cancel/", {"reason": "Di nuovo"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "cancelled"
    edit = api.patch(url, {"title": "Riaperto"}, format="json")
    assert edit.status_code == 409 and edit.json()["code"] == "cancelled"
    meeting.refresh_from_db()
    assert meeting.title == "Tavolo di prova"


def test_schema_documents_the_operations(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    create = schema["paths"]["/api/v1/meetings/"]["post"]
    patch = schema["paths"]["/api/v1/meetings/{slug}/"]["patch"]
    cancel = schema["paths"]["/api/v1/meetings/{slug}/cancel/"]["post"]
    assert {"201", "400", "403"} <= set(create["responses"])
    assert {"200", "400", "403", "404", "409"} <= set(patch["responses"]) and {"200", "400", "403", "404", "409"} <= set(
        cancel["responses"]
    )
    for operation in (create, patch, cancel):
        assert "requestBody" in operation
        assert "MeetingDetail" in str(operation["responses"]["201" if operation is create else "200"])
    assert "put" not in schema["paths"]["/api/v1/meetings/{slug}/"]
