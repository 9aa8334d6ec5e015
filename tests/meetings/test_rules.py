"""Role × action matrix of the meetings permissions."""

import pytest

from consultazione.meetings.services import TableSpec

pytestmark = pytest.mark.django_db

PERMS = [
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.record_table_output",
    "meetings.check_in",
    "meetings.view_attendance",
    "meetings.export_attendance",
    "meetings.build_report",
    "meetings.publish_report",
]

EXPECTED = {
    "staff": set(PERMS),
    "table_facilitator": {"meetings.record_table_output", "meetings.check_in"},
    "other_facilitator": set(),
    "moderator": set(),
    "citizen": set(),
    "steering_member": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_matrix(who, make_meeting, psm, user_factory, request):
    if who in {"table_facilitator", "other_facilitator"}:
        user = user_factory(roles=["facilitator"])
    else:
        user = request.getfixturevalue(who)
    facilitator = user if who == "table_facilitator" else user_factory(roles=["facilitator"])
    meeting = make_meeting(tables=[TableSpec("Tavolo", axis=psm.axes[1], facilitator=facilitator)])
    table = meeting.tables.get()
    for perm in PERMS:
        obj = table if perm == "meetings.record_table_output" else meeting
        assert user.has_perm(perm, obj) is (perm in EXPECTED[who]), (who, perm)


def test_anonymous_has_none(make_meeting):
    from django.contrib.auth.models import AnonymousUser

    meeting = make_meeting()
    assert not any(AnonymousUser().has_perm(perm, meeting) for perm in PERMS)
