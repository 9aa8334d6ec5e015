"""Permission matrix of the reports app, and the personal-data grant through a group."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from consultazione.accounts.roles import Role
from consultazione.core.personal_data import erase_for, export_for
from consultazione.reports.services import export_request
from tests.conftest import make_user

PERMS = [
    "reports.view_dashboard",
    "reports.export_data",
    "reports.export_personal_data",
    "reports.edit_report",
    "reports.publish_report",
]
MATRIX = {
    "anonymous": [True, False, False, False, False],
    "citizen": [True, False, False, False, False],
    "moderator": [True, False, False, False, False],
    "facilitator": [True, False, False, False, False],
    "steering": [True, False, False, False, False],
    "staff": [True, True, False, True, True],
    "superuser": [True, True, True, True, True],
}


def _user(kind):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "superuser":
        user = make_user()
        user.is_superuser = True
        user.save()
        return user
    roles = {
        "citizen": [],
        "moderator": [Role.MODERATOR],
        "facilitator": [Role.FACILITATOR],
        "steering": [Role.STEERING],
        "staff": [Role.STAFF],
    }
    return make_user(roles=roles[kind])


@pytest.mark.parametrize("kind", list(MATRIX))
def test_rule_matrix(db, kind):
    user = _user(kind)
    assert [user.has_perm(perm) for perm in PERMS] == MATRIX[kind]


def test_personal_data_through_an_explicit_group(db):
    staff = make_user(roles=[Role.STAFF])
    group = Group.objects.create(name="Responsabili del trattamento")
    group.permissions.add(Permission.objects.get(codename="export_personal_data", content_type__app_label="reports"))
    staff.groups.add(group)
    staff = type(staff).objects.get(pk=staff.pk)  # fresh permission caches
    assert staff.has_perm("reports.export_personal_data")


def test_staff_role_group_never_carries_the_personal_data_permission(db):
    make_user(roles=[Role.STAFF])
    assert not Group.objects.get(name=Role.STAFF).permissions.filter(codename="export_personal_data").exists()


def test_a_person_export_and_erasure_include_their_exports(world):
    staff = world.people["staff"]
    job = export_request(actor=staff, process=world.psm.process, kind="csv", dataset="meetings")
    assert export_for(staff)["reports"][0]["tipo"] == "csv"
    erase_for(staff)
    job.refresh_from_db()
    assert not job.file and job.status == "failed"
