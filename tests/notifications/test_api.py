"""API: follow / unfollow and notification preferences, through the same services and rules."""

import pytest
from rest_framework.test import APIClient

from consultazione.notifications.models import Follow
from consultazione.notifications.selectors import preferences_of
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
FOLLOWS = "/api/v1/follows/"
PREFERENCES = "/api/v1/notification-preferences/"


@pytest.fixture
def api():
    return APIClient()


def test_follow_list_and_unfollow(api, submit):
    contribution = submit()
    person = make_user()
    api.force_authenticate(person)
    created = api.post(FOLLOWS, {"contribution": contribution.pk}, format="json")
    assert created.status_code == 201 and created.json() == {"contribution": contribution.pk, "following": True}
    listed = api.get(FOLLOWS).json()
    assert [row["reference"] for row in listed["results"]] == [contribution.reference]
    gone = api.delete(f"{FOLLOWS}{contribution.pk}/")
    assert gone.status_code == 200 and gone.json() == {"contribution": contribution.pk, "following": False}
    assert api.get(FOLLOWS).json()["count"] == 0
    assert Follow.objects.get(user=person, contribution=contribution).active is False


def test_follow_refuses_anonymous_unknown_and_unreadable(api, submit):
    pending = submit(pre=True)
    assert api.post(FOLLOWS, {"contribution": pending.pk}, format="json").status_code == 403
    api.force_authenticate(make_user())
    assert api.post(FOLLOWS, {"contribution": pending.pk}, format="json").status_code == 404
    assert api.post(FOLLOWS, {"contribution": 10**9}, format="json").status_code == 404
    bad = api.post(FOLLOWS, {"contribution": "abc"}, format="json")
    assert bad.status_code == 400 and "contribution" in bad.json()["errors"]
    # ids no database integer holds, and digits that are not ASCII: a clear 4xx, never a 500
    assert api.post(FOLLOWS, {"contribution": 10**30}, format="json").status_code == 400
    assert api.delete(f"{FOLLOWS}{10**30}/").status_code == 404
    assert api.delete(f"{FOLLOWS}%C2%B2/").status_code == 404
    assert not Follow.objects.filter(contribution=pending).exclude(user=pending.author).exists()


def test_preferences_read_and_partial_update(api):
    person = make_user()
    assert api.get(PREFERENCES).status_code == 403
    api.force_authenticate(person)
    assert api.get(PREFERENCES).json() == {
        "comment_reply": "immediate",
        "contribution_comment": "immediate",
        "outcome": "immediate",
    }
    changed = api.patch(PREFERENCES, {"outcome": "digest"}, format="json")
    assert changed.status_code == 200 and changed.json()["outcome"] == "digest"
    assert preferences_of(person)["outcome"] == "digest"


@pytest.mark.parametrize("body", [{}, {"outcome": "weekly"}, {"outcome": "off", "comment_reply": 3}])
def test_preferences_bad_input_is_a_400_and_changes_nothing(api, body):
    person = make_user()
    api.force_authenticate(person)
    response = api.patch(PREFERENCES, body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert preferences_of(person)["outcome"] == "immediate"
