"""Public pages and the API never expose participants' names or emails (scan of responses)."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.core import personal_data
from consultazione.meetings.models import Attendance, Registration
from consultazione.reports.restituzione.services import restituzione_build, restituzione_publish

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _assert_clean(text: str, meeting) -> None:
    names = set(Registration.objects.filter(meeting=meeting).values_list("last_name", flat=True)) - {""}
    names |= set(Registration.objects.filter(meeting=meeting).values_list("first_name", flat=True)) - {""}
    for name in names:
        assert name not in text, name
    leaked = [e for e in EMAIL.findall(text) if not e.endswith(("example.com",)) and "@" in e]
    assert leaked == [], leaked


def test_public_pages_and_api_never_show_names(client, held_meeting, staff):
    report = restituzione_build(actor=staff, meeting=held_meeting, show_organisation_names=True)
    restituzione_publish(actor=staff, report=report)
    report.refresh_from_db()
    urls = [
        "/incontri/",
        "/incontri/?quando=passati",
        held_meeting.get_absolute_url(),
        report.published_url,
        "/restituzioni/",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{held_meeting.slug}/",
        "/api/v1/meeting-reports/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_clean(response.content.decode(), held_meeting)
    api = APIClient().get(f"/api/v1/meetings/{held_meeting.slug}/").json()
    assert api["attendance_total"] == 4
    assert {row["label"]: row["count"] for row in api["attendance_by_category"]} == {"Enti locali": 2, "A titolo personale": 2}


def test_staff_only_attendance_list(client, held_meeting, staff, facilitator, citizen):
    for user in (facilitator, citizen):
        client.force_login(user)
        assert client.get(reverse("meetings:attendance", args=[held_meeting.slug])).status_code == 403
        assert client.get(reverse("meetings:attendance_export", args=[held_meeting.slug])).status_code == 403
    client.force_login(staff)
    body = client.get(reverse("meetings:attendance", args=[held_meeting.slug])).content.decode()
    assert "Partecipante 01" in body and "Riservato" in body


def test_personal_data_export_and_erasure(held_meeting, user_factory):
    person = user_factory(email="held1@example.org")
    exported = personal_data.export_for(person)["meetings"]
    assert exported[0]["first_name"] == "Partecipante 01" and exported[0]["attended"] is True
    personal_data.erase_for(person)
    registration = Registration.objects.get(meeting=held_meeting, anonymised_at__isnull=False)
    assert registration.first_name == "" and registration.email == "" and registration.organisation_name == ""
    assert personal_data.export_for(person)["meetings"] == []
    assert Attendance.objects.filter(meeting=held_meeting).count() == 4  # counts survive
