import pytest

from consultazione.meetings.models import Meeting, RegistrationStatus

from .conftest import register

pytestmark = pytest.mark.django_db


def _admin_user(user):
    user.is_staff = True  # Django admin access; the meetings rules decide the rest
    user.save(update_fields=["is_staff"])
    return user


def _post_data(meeting, **changes):
    data = {
        "process": meeting.process_id,
        "phase": "",
        "slug": meeting.slug,
        "title": meeting.title,
        "kind": meeting.kind,
        "description": "",
        "objectives": "",
        "starts_at_0": meeting.starts_at.strftime("%d/%m/%Y"),
        "starts_at_1": meeting.starts_at.strftime("%H:%M"),
        "ends_at_0": meeting.ends_at.strftime("%d/%m/%Y"),
        "ends_at_1": meeting.ends_at.strftime("%H:%M"),
        "format": meeting.format,
        "venue_comune": meeting.venue_comune_id or "",
        "venue_name": "",
        "venue_address": "",
        "online_url": "",
        "registration_mode": meeting.registration_mode,
        "capacity": meeting.capacity or "",
        "next_steps": "",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "tables-TOTAL_FORMS": "0",
        "tables-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_staff_edit_capacity_promotes_waiting_list(client, make_meeting, staff):
    meeting = make_meeting(capacity=1)
    register(meeting, 1)
    waiting = register(meeting, 2).registration
    client.force_login(_admin_user(staff))
    response = client.post(f"/django-admin/meetings/meeting/{meeting.pk}/change/", _post_data(meeting, capacity="2"))
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_admin_refuses_in_person_meeting_without_venue(client, make_meeting, staff):
    meeting = make_meeting()
    client.force_login(_admin_user(staff))
    response = client.post(f"/django-admin/meetings/meeting/{meeting.pk}/change/", _post_data(meeting, venue_comune=""))
    assert response.status_code == 200 and "Indica il comune sede" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).venue_comune_id is not None


def test_non_staff_cannot_change(client, make_meeting, moderator):
    meeting = make_meeting()
    client.force_login(_admin_user(moderator))
    url = f"/django-admin/meetings/meeting/{meeting.pk}/change/"
    assert 'name="_save"' not in client.get(url).content.decode()  # read-only view
    assert client.post(url, _post_data(meeting, title="Cambiato")).status_code == 403
    assert client.get("/django-admin/meetings/meeting/add/").status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).title != "Cambiato"
