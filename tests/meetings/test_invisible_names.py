"""Meeting titles through the service (meeting_create → full_clean): invisible characters refused."""

import pytest
from django.core.exceptions import ValidationError

from consultazione.meetings.models import Meeting
from consultazione.meetings.services import AgendaSpec, TableSpec


@pytest.mark.parametrize("title", ["\u200b" * 20, "Incontro\u202e a Ivrea", "Incontro\u00ad a Ivrea"])
def test_meeting_title_with_invisible_characters_is_refused(make_meeting, title):
    with pytest.raises(ValidationError) as exc:
        make_meeting(title=title)
    assert "Il titolo contiene caratteri invisibili" in exc.value.message_dict["title"][0]
    assert not Meeting.objects.exists()


def test_table_titles_are_checked(make_meeting):
    with pytest.raises(ValidationError) as exc:
        make_meeting(tables=[TableSpec(title="\u200b\u200b")])
    assert "caratteri invisibili" in str(exc.value)
    assert not Meeting.objects.exists()


def test_agenda_titles_are_checked(psm, staff):
    from datetime import timedelta

    from django.utils import timezone

    from consultazione.meetings.models import MeetingKind
    from consultazione.meetings.services import meeting_create

    with pytest.raises(ValidationError) as exc:
        meeting_create(
            actor=staff,
            process=psm.process,
            title="Incontro online",
            kind=MeetingKind.PUBLIC_EVENT,
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=1),
            format="online",
            online_url="https://example.org/incontro",
            agenda=[AgendaSpec("Saluti\u2066", 15)],
        )
    assert "caratteri invisibili" in str(exc.value)
    assert not Meeting.objects.exists()


def test_meeting_title_is_normalised(make_meeting):
    meeting = make_meeting(title="Ｉｎｃｏｎｔｒｏ  a Ciriè")
    assert meeting.title == "Incontro a Ciriè"
