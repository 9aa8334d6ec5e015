"""The glue between forms, views and the API (issue 17, item 3): one map from a domain error to an
HTTP status, one visible-or-404 lookup, the submitter's roles decided by the service, one public
name for the page and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.models import Comment, Contribution
from consultazione.contributions.presentation import author_label
from consultazione.contributions.selectors import contribution_for_viewer

from .conftest import fresh_process

API = "/api/v1/contributions/"


def test_a_comment_the_rules_refuse_is_403_on_the_page_as_in_the_api(client, submit, citizen, unverified_user):
    """The web view answered 400 where the API answered 403 for the same refusal."""
    contribution = submit(citizen)
    client.force_login(unverified_user)
    page = client.post(
        reverse("contributions:comment_create", args=[contribution.reference]), {"body": "Sono d'accordo", "alignment": "1"}
    )
    api = APIClient()
    api.force_authenticate(unverified_user)
    answer = api.post(f"{API}{contribution.reference}/comments/", {"body": "Sono d'accordo", "alignment": 1}, format="json")
    assert (page.status_code, answer.status_code) == (403, 403)
    assert answer.json()["code"] == "permission_denied"
    assert not Comment.objects.exists()


def test_comments_closed_by_the_phase_are_403_on_the_page_and_in_the_api(client, submit, citizen, open_psm):
    contribution = submit(citizen)
    open_psm.set_phase("analisi")
    client.force_login(citizen)
    page = client.post(reverse("contributions:comment_create", args=[contribution.reference]), {"body": "x", "alignment": "0"})
    api = APIClient()
    api.force_authenticate(citizen)
    answer = api.post(f"{API}{contribution.reference}/comments/", {"body": "x", "alignment": 0}, format="json")
    assert (page.status_code, answer.status_code) == (403, 403)
    assert not Comment.objects.exists()


def test_a_hidden_contribution_is_404_for_others_on_the_page_and_in_the_api(client, submit, citizen, user_factory):
    private = submit(citizen, is_private=True)
    other = user_factory()
    with pytest.raises(Contribution.DoesNotExist):
        contribution_for_viewer(private.reference, other)
    assert contribution_for_viewer(private.reference.lower(), citizen) == private
    client.force_login(other)
    api = APIClient()
    api.force_authenticate(other)
    assert client.get(reverse("contributions:detail", args=[private.reference])).status_code == 404
    assert api.get(f"{API}{private.reference}/").status_code == 404
    assert api.get(f"{API}PSM-IDEA-1999-99999/").status_code == 404
    client.force_login(citizen)
    api.force_authenticate(citizen)
    assert client.get(reverse("contributions:detail", args=[private.reference])).status_code == 200
    assert api.get(f"{API}{private.reference}/").json()["reference"] == private.reference


def test_the_service_decides_author_and_entered_by_from_the_submitter(open_psm, citizen, facilitator):
    from consultazione.contributions.services import contribution_submit

    fields = {
        "process": fresh_process(open_psm),
        "kind": "idea",
        "title": "Una pista ciclabile lungo il Sangone",
        "body": "Collegherebbe Orbassano e Beinasco con Torino in sicurezza.",
        "axis": open_psm.axes[3],
    }
    online = contribution_submit(submitted_by=citizen, **fields)
    entered = contribution_submit(submitted_by=facilitator, channel="tavolo", source="Tavolo ZO3, 12 marzo", **fields)
    assert (online.author, online.entered_by) == (citizen, None)
    assert (entered.author, entered.entered_by) == (None, facilitator)
    with pytest.raises(TypeError):
        contribution_submit(submitted_by=citizen, author=citizen, **fields)


def test_the_page_and_the_api_show_the_same_public_name(client, open_psm, facilitator):
    from consultazione.contributions.services import contribution_submit

    entered = contribution_submit(
        submitted_by=facilitator,
        process=fresh_process(open_psm),
        kind="bisogno",
        title="Un ambulatorio aperto la sera a Ivrea",
        body="Chi lavora non riesce ad andare dal medico di giorno.",
        axis=open_psm.axes[6],
        channel="tavolo",
        source="Tavolo ZO9",
    )
    name = author_label(entered)
    assert "inserito dai facilitatori" in name
    api_name = APIClient().get(f"{API}{entered.reference}/").json()["author"]
    page = client.get(reverse("contributions:detail", args=[entered.reference])).content.decode()
    assert api_name == name and f"<strong>{name}</strong>" in page
