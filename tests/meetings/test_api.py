import pytest
from rest_framework.test import APIClient

from consultazione.meetings.models import Registration
from tests import api_contract

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_meetings_list_and_detail(api, table_meeting, make_meeting, django_assert_max_num_queries):
    make_meeting(title="Altro incontro", days=-3)
    with django_assert_max_num_queries(10):
        body = api.get("/api/v1/meetings/").json()
    assert body["count"] == 2
    assert {m["title"] for m in api.get("/api/v1/meetings/", {"when": "upcoming"}).json()["results"]} == {"Lancio pubblico"}
    assert {m["title"] for m in api.get("/api/v1/meetings/", {"when": "past"}).json()["results"]} == {"Altro incontro"}
    assert api.get("/api/v1/meetings/", {"zone": 5}).json()["count"] == 2  # venue in Pinerolo (zone 5)
    detail = api.get(f"/api/v1/meetings/{table_meeting.slug}/").json()
    assert [item["title"] for item in detail["agenda"]][0] == "Saluti e introduzione"
    assert [t["axis"] for t in detail["tables"]] == [1, 2]
    assert "facilitator" not in detail["tables"][0]


def test_registrations_are_own_only(api, meeting, citizen, user_factory):
    assert api.get("/api/v1/meeting-registrations/").status_code in (401, 403)
    register(meeting, 1)
    api.force_authenticate(citizen)
    payload = {"meeting": meeting.slug, "first_name": "Partecipante", "last_name": "Api", "consent": True, "category": None}
    created = api.post("/api/v1/meeting-registrations/", payload, format="json")
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    assert created.json()["email"] == citizen.email
    again = api.post("/api/v1/meeting-registrations/", payload, format="json")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    mine = api.get("/api/v1/meeting-registrations/").json()
    assert mine["count"] == 1
    other = Registration.objects.exclude(pk=created.json()["id"]).get()
    assert api.post(f"/api/v1/meeting-registrations/{other.pk}/cancel/").status_code == 404
    cancelled = api.post(f"/api/v1/meeting-registrations/{created.json()['id']}/cancel/")
    assert cancelled.json()["status"] == "cancelled"


def test_registration_errors(api, meeting, citizen):
    api.force_authenticate(citizen)
    response = api.post(
        "/api/v1/meeting-registrations/", {"meeting": meeting.slug, "first_name": "", "consent": False}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"first_name", "last_name", "consent"}
    assert not Registration.objects.exists()


def test_closed_meeting_registration_conflict(api, make_meeting, citizen):
    closed = make_meeting(registration_mode="chiusa")
    api.force_authenticate(citizen)
    payload = {"meeting": closed.slug, "first_name": "A", "last_name": "B", "consent": True}
    response = api.post("/api/v1/meeting-registrations/", payload, format="json")
    assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_published_reports_only(api, held_meeting, staff):
    from consultazione.reports.restituzione.services import restituzione_build, restituzione_publish

    report = restituzione_build(actor=staff, meeting=held_meeting)
    assert api.get("/api/v1/meeting-reports/").json()["count"] == 0
    restituzione_publish(actor=staff, report=report)
    body = api.get("/api/v1/meeting-reports/").json()
    assert body["count"] == 1
    assert body["results"][0]["pdf_url"].endswith("/restituzione.pdf") and "Tavolo A" in body["results"][0]["html"]


def test_meetings_with_and_without_online_link_match_the_schema(api, make_meeting, psm):
    """Issue 18.5: `online_url` was `oneOf` a URI and "", so a strict validator refused every meeting
    without a link ("" is both); and `phase` (null outside a phase) was documented non-nullable."""
    make_meeting(title="In sala")
    make_meeting(title="Online", format="online", venue_comune=None, venue_name="", online_url="https://meet.example.org/psm")
    listed = api.get("/api/v1/meetings/")
    assert {(m["title"], m["online_url"], m["phase"]) for m in listed.json()["results"]} == {
        ("In sala", "", None),
        ("Online", "https://meet.example.org/psm", None),
    }
    assert api_contract.errors_of(listed) == []
    for meeting in listed.json()["results"]:
        assert api_contract.errors_of(api.get(f"/api/v1/meetings/{meeting['slug']}/")) == []
