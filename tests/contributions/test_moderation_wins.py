"""Regression (issue 14, item 1): an author cannot undo moderation by withdrawing.

A moderator hides a published contribution; its author then withdraws it (web form or API).
Before the fix the status became "withdrawn" and, having been published once, it counted as
public again: anonymous visitors got the page and the API record and found it under
?status=withdrawn. Now it stays hidden (only flagged as withdrawn) and nobody else sees it.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

API = "/api/v1/contributions/"


@pytest.mark.parametrize("channel", ["web", "api"])
def test_withdrawing_a_hidden_contribution_does_not_republish_it(client, submit, citizen, moderator, channel):
    contribution = submit(citizen, title="Contenuto oscurato dai moderatori per la netiquette")
    reference = contribution.reference

    staff = APIClient()
    staff.force_authenticate(moderator)
    hidden = staff.post(
        "/api/v1/moderation/decisions/",
        {
            "content_type": "contribution",
            "id": contribution.pk,
            "action": "hide",
            "expected_state": "published",
            "reason_code": "offensive",
        },
        format="json",
    )
    assert hidden.status_code == 201

    if channel == "web":
        client.force_login(citizen)
        response = client.post(reverse("contributions:withdraw", args=[reference]))
        assert response.status_code == 302
        client.logout()
    else:
        author = APIClient()
        author.force_authenticate(citizen)
        response = author.post(f"{API}{reference}/withdraw/")
        assert response.status_code == 200

    anonymous = APIClient()
    assert client.get(reverse("contributions:detail", args=[reference])).status_code == 404
    assert anonymous.get(f"{API}{reference}/").status_code == 404
    web_list = client.get(reverse("contributions:list"), {"status": "withdrawn"})
    assert web_list.status_code == 200
    assert reference not in web_list.content.decode()
    api_list = anonymous.get(API, {"status": "withdrawn"})
    assert api_list.status_code == 200
    assert reference not in [row["reference"] for row in api_list.json()["results"]]

    # The author still sees it, marked as withdrawn and hidden; a moderator too.
    client.force_login(citizen)
    page = client.get(reverse("contributions:detail", args=[reference]))
    assert page.status_code == 200
    assert "Ritirato" in page.content.decode()
    own = APIClient()
    own.force_authenticate(citizen)
    record = own.get(f"{API}{reference}/").json()
    assert record["status"] == "hidden" and record["withdrawn_at"] is not None


def test_withdrawing_a_published_contribution_keeps_it_readable(client, submit, citizen):
    """The legitimate case is unchanged: withdrawn after publication stays readable, marked."""
    contribution = submit(citizen, title="Proposta ritirata dalla sua autrice")
    client.force_login(citizen)
    assert client.post(reverse("contributions:withdraw", args=[contribution.reference])).status_code == 302
    client.logout()
    assert client.get(reverse("contributions:detail", args=[contribution.reference])).status_code == 200
    listed = client.get(reverse("contributions:list"), {"status": "withdrawn"}).content.decode()
    assert contribution.reference in listed
