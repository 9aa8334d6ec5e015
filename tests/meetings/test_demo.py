import pytest

from consultazione.meetings.demo import demo_load
from consultazione.meetings.models import Attendance, Meeting, MeetingKind, Registration, TableContribution

pytestmark = pytest.mark.django_db


def test_demo_meetings(psm, staff, facilitator):
    psm.set_phase("co_pianificazione")
    assert demo_load(process=psm.process, users={"facilitator": facilitator}) == 9
    assert demo_load(process=psm.process, users={"facilitator": facilitator}) == 0
    launch = Meeting.objects.get(slug="lancio-pubblico-2023-09-27")
    assert launch.tables.count() == 6 and launch.starts_at.date().isoformat() == "2023-09-27"
    territorial = Meeting.objects.filter(kind=MeetingKind.TERRITORIAL_TABLE).select_related("macro_area")
    assert territorial.count() == 6
    assert all(m.venue_comune_id == m.macro_area.venue_comune_id for m in territorial)
    assert Meeting.objects.filter(kind=MeetingKind.ONLINE).get().ends_at > launch.ends_at
    assert launch.phase.kind == "ascolto"
    assert not Registration.objects.exclude(first_name__startswith="Partecipante").exists()
    assert Attendance.objects.filter(meeting=launch).count() == 34
    assert TableContribution.objects.filter(table__meeting=launch).count() == 12
