"""Re-tagging follows the same rule as submitting (contributions.selectors.plans_open_to): a
criticità filed on the plan in force being revised stays re-taggable there, an idea does not."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consultazione.contributions.services import contribution_submit
from consultazione.moderation.models import Decision
from tests.conftest import make_user


def _axis_select(html: str) -> str:
    start = html.index('name="axis"')
    return html[start : html.index("</select>", start)]


@pytest.fixture
def criticita_on_plan_in_force(open_psm):
    old_axis = open_psm.previous_plan.axes.order_by("code").first()
    return contribution_submit(
        author=make_user(),
        process=open_psm.process,
        kind="criticita",
        title="Le corse promesse non sono mai partite",
        body="Il piano in vigore prevedeva corse serali che non sono mai state attivate.",
        axis=old_axis,
        zona=open_psm.zones[3],
    )


def test_web_retag_of_a_criticita_on_the_plan_in_force_changes_only_the_zone(
    client, moderator, open_psm, criticita_on_plan_in_force
):
    item = criticita_on_plan_in_force
    client.force_login(moderator)
    page = client.get(reverse("moderation:contribution", args=[item.pk])).content.decode()
    assert f'<option value="{item.axis_id}" selected' in _axis_select(page)  # the form offers the plan in force to a criticità
    response = client.post(reverse("moderation:retag", args=[item.pk]), {"axis": item.axis_id, "zona": open_psm.zones[5].pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.zona == open_psm.zones[5] and item.axis.plan == open_psm.previous_plan
    assert set(Decision.objects.get(contribution=item, action="retag").changes) == {"zona"}


def test_api_retag_of_a_criticita_on_the_plan_in_force_changes_only_the_zone(moderator, open_psm, criticita_on_plan_in_force):
    item = criticita_on_plan_in_force
    api = APIClient()
    api.force_authenticate(moderator)
    response = api.post(
        "/api/v1/moderation/curation/retag/",
        {"contribution": item.pk, "axis": item.axis_id, "zona": open_psm.zones[5].pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert set(response.json()["changes"]) == {"zona"}
    item.refresh_from_db()
    assert item.zona == open_psm.zones[5] and item.axis.plan == open_psm.previous_plan


def test_retag_of_an_idea_onto_the_plan_in_force_is_refused_with_the_reason(client, moderator, submit, open_psm):
    idea = submit(axis=1)
    old_axis = open_psm.previous_plan.axes.order_by("code").first()
    client.force_login(moderator)
    page = client.get(reverse("moderation:contribution", args=[idea.pk])).content.decode()
    assert f'<option value="{old_axis.pk}"' not in _axis_select(page)  # not offered to an idea
    response = client.post(reverse("moderation:retag", args=[idea.pk]), {"axis": old_axis.pk})
    assert response.status_code == 400
    api = APIClient()
    api.force_authenticate(moderator)
    refused = api.post("/api/v1/moderation/curation/retag/", {"contribution": idea.pk, "axis": old_axis.pk}, format="json")
    assert refused.status_code == 400
    assert "aperto solo a: Criticità" in str(refused.json())
    idea.refresh_from_db()
    assert idea.axis == open_psm.axes[1] and not Decision.objects.filter(contribution=idea).exists()


def test_queue_filters_by_the_axes_contributions_point_at(client, moderator, submit, open_psm, criticita_on_plan_in_force):
    """The queue's axis filter offers the plans contributions may point at (the working plan and,
    for criticità, the plan in force being revised), not the plan whose status is in force today
    (in the demo, the approved PSM 2024-2026 only)."""
    idea = submit(axis=1, title="Una proposta sul piano in costruzione")
    client.force_login(moderator)
    html = client.get(reverse("moderation:queue"), {"state": "", "axis": criticita_on_plan_in_force.axis_id}).content.decode()
    assert criticita_on_plan_in_force.title in html and idea.title not in html
    axes = _axis_select(html)
    assert f"{open_psm.previous_plan} · " in axes and f"{open_psm.plan} · " in axes
