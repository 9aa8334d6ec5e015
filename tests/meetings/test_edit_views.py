"""Staff create, edit and cancel meetings in the site (issue 16 item 2)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultazione.meetings.models import Meeting
from consultazione.meetings.services import TableSpec

from .conftest import register

pytestmark = pytest.mark.django_db


def _rows(prefix: str, rows: list[dict], extra: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows) + extra), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def form_data(psm, *, days=14, hours=2, **overrides) -> dict:
    starts = timezone.localtime(timezone.now() + timedelta(days=days)).replace(hour=17, minute=30)
    ends = starts + timedelta(hours=hours)
    data = {
        "kind": "tavolo_territoriale",
        "title": "Tavolo territoriale Canavese",
        "description": "Criticità e proposte della zona.",
        "objectives": "Raccogliere proposte.",
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M"),
        "format": "in_presenza",
        "venue_comune": psm.comune("Pinerolo").pk,
        "venue_name": "Sala consiliare",
        "venue_address": "Piazza Vittorio Veneto 1",
        "online_url": "",
        "capacity": "40",
        "registration_mode": "aperta",
        **_rows(
            "agenda",
            [
                {"title": "Lavoro ai tavoli", "duration_minutes": "60", "ORDER": "2"},
                {"title": "Saluti", "duration_minutes": "10", "ORDER": "1"},
            ],
            extra=2,
        ),
        **_rows("tavoli", [{"title": "Tavolo mobilità", "axis": psm.axes[3].pk, "ORDER": "1"}], extra=1),
    }
    data.update(overrides)
    return data


def test_new_meeting_button_only_for_staff(client, staff, citizen):
    new = reverse("meetings:new")
    assert new not in client.get("/incontri/").content.decode()
    client.force_login(citizen)
    assert new not in client.get("/incontri/").content.decode()
    assert client.get(new).status_code == 403
    client.force_login(staff)
    assert new in client.get("/incontri/").content.decode()
    assert client.get(new).status_code == 200


def test_staff_creates_meeting_with_ordered_agenda_and_table(client, staff, psm):
    client.force_login(staff)
    response = client.post(reverse("meetings:new"), form_data(psm))
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["agenda"].errors,
        response.context["tables"].errors,
        response.context["agenda"].non_form_errors(),
    )
    meeting = Meeting.objects.get(title="Tavolo territoriale Canavese")
    assert response["Location"] == reverse("meetings:manage", args=[meeting.slug])
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "17:30"
    assert str(timezone.localtime(meeting.starts_at).tzinfo) == "Europe/Rome"
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Saluti", "Lavoro ai tavoli"]
    assert list(meeting.tables.values_list("title", "axis")) == [("Tavolo mobilità", psm.axes[3].pk)]
    assert meeting.capacity == 40 and meeting.created_by == staff


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"hours": -1}, "ends_at", "La fine deve seguire l"),
        ({"format": "online", "venue_comune": ""}, "online_url", "Indica il collegamento"),
        ({"venue_comune": ""}, "venue_comune", "Indica il comune sede"),
    ],
)
def test_bad_meeting_is_refused_on_the_form(client, staff, psm, overrides, field, message):
    client.force_login(staff)
    hours = overrides.pop("hours", 2)
    response = client.post(reverse("meetings:new"), form_data(psm, hours=hours, **overrides))
    body = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in body and message in body.replace("&#x27;", "'")
    assert not Meeting.objects.filter(title="Tavolo territoriale Canavese").exists()


def test_more_rows_button_keeps_what_was_typed(client, staff, psm):
    client.force_login(staff)
    response = client.post(reverse("meetings:new"), {**form_data(psm), "more": "agenda"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="agenda-TOTAL_FORMS" value="6"' in body.replace(' id="id_agenda-TOTAL_FORMS"', "")
    assert 'value="Lavoro ai tavoli"' in body
    assert not Meeting.objects.filter(title="Tavolo territoriale Canavese").exists()


def _edit_data(meeting, psm, **overrides):
    data = form_data(psm)
    agenda = list(meeting.agenda.all())
    tables = list(meeting.tables.all())
    data.update(
        _rows(
            "agenda",
            [{"pk": i.pk, "title": i.title, "duration_minutes": i.duration_minutes, "ORDER": i.position} for i in agenda],
        )
    )
    data["agenda-INITIAL_FORMS"] = str(len(agenda))
    data.update(_rows("tavoli", [{"pk": t.pk, "title": t.title, "ORDER": t.position} for t in tables]))
    data["tavoli-INITIAL_FORMS"] = str(len(tables))
    data.update({"title": meeting.title, **overrides})
    return data


def test_staff_edits_removes_and_reorders(client, staff, psm, make_meeting):
    meeting = make_meeting(tables=[TableSpec("Tavolo A"), TableSpec("Tavolo B")])
    client.force_login(staff)
    page = client.get(reverse("meetings:edit", args=[meeting.slug])).content.decode()
    assert 'value="Plenaria di sintesi"' in page and 'value="Tavolo B"' in page
    data = _edit_data(meeting, psm, title="Tavolo di prova (spostato)")
    data["agenda-0-DELETE"] = "on"  # drop "Saluti e introduzione"
    data["tavoli-0-ORDER"], data["tavoli-1-ORDER"] = "2", "1"
    response = client.post(reverse("meetings:edit", args=[meeting.slug]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.title == "Tavolo di prova (spostato)"
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Lavoro ai tavoli", "Plenaria di sintesi"]
    assert list(meeting.tables.values_list("title", flat=True)) == ["Tavolo B", "Tavolo A"]


def test_capacity_below_confirmed_shows_error_and_saves_nothing(client, staff, psm, make_meeting):
    meeting = make_meeting(capacity=10)
    for n in range(3):
        register(meeting, n)
    client.force_login(staff)
    data = _edit_data(meeting, psm, capacity="2", title="Titolo cambiato")
    response = client.post(reverse("meetings:edit", args=[meeting.slug]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_capacity_error"' in body and "Ci sono già 3 iscritti confermati" in body.replace("&#x27;", "'")
    meeting.refresh_from_db()
    assert meeting.capacity == 10 and meeting.title == "Tavolo di prova"


def test_cancel_from_site_then_page_says_annullato(client, staff, make_meeting, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}  # the public page is cached for anonymous visitors
    meeting = make_meeting()
    register(meeting, 1)
    mail.outbox.clear()
    visits = [client.get(meeting.get_absolute_url()) for _ in range(2)]
    assert visits[1]["X-Page-Cache"] == "hit" and "Annullato" not in visits[1].content.decode()
    client.force_login(staff)
    url = reverse("meetings:cancel_meeting", args=[meeting.slug])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Scrivi il motivo" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Sala inagibile"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["p01@example.org"]]
    client.logout()
    client.cookies.clear()
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Annullato" in body and "Sala inagibile" in body
    assert reverse("meetings:register", args=[meeting.slug]) not in body
    assert client.get(reverse("meetings:register", args=[meeting.slug])).status_code == 200
    assert "Annullato" in client.get("/incontri/").content.decode()
    assert b"STATUS:CANCELLED" in client.get(reverse("meetings:calendar", args=[meeting.slug])).content
    # editing a cancelled meeting: back to the overview with a message, nothing changed
    client.force_login(staff)
    response = client.post(reverse("meetings:edit", args=[meeting.slug]), {"title": "Riaperto"}, follow=True)
    assert "non si può più modificare" in response.content.decode().replace("&#x27;", "'")
    meeting.refresh_from_db()
    assert meeting.title == "Tavolo di prova"


def test_facilitator_of_a_table_may_not_edit_or_cancel(client, facilitator, table_meeting):
    client.force_login(facilitator)
    assert client.get(reverse("meetings:manage", args=[table_meeting.slug])).status_code == 200
    assert client.get(reverse("meetings:edit", args=[table_meeting.slug])).status_code == 403
    assert client.post(reverse("meetings:cancel_meeting", args=[table_meeting.slug]), {"reason": "x"}).status_code == 403
    table_meeting.refresh_from_db()
    assert not table_meeting.is_cancelled


def test_edit_page_lists_the_linked_live_session(client, staff, meeting):
    from consultazione.live.models import LiveSession

    LiveSession.objects.create(code="PLN123", title="Sondaggio di apertura", meeting=meeting, created_by=staff)
    client.force_login(staff)
    body = client.get(reverse("meetings:edit", args=[meeting.slug])).content.decode()
    assert "Sondaggio di apertura (PLN123)" in body
    assert f"/live/sessioni/nuova/?incontro={meeting.slug}" in body
